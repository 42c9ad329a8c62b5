/**
 * {@code invariantlab check}: the verdicts of formulas a physicist types (a guess, a formula from a paper) on a
 * system or a data file, with the same {@link org.invariantlab.core.verdict.Verifier} that judges every learned
 * formula.
 */
package org.invariantlab.core.check;
