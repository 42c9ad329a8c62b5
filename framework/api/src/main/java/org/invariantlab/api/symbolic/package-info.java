/**
 * The {@link org.invariantlab.api.symbolic.SymbolicInterpreter} extension point: reading a learned
 * function back as a formula, with its fit quality.
 */
package org.invariantlab.api.symbolic;
