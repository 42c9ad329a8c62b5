/**
 * Scoring learned invariants against a system's true invariants (methods notes §6, §7):
 * {@link org.invariantlab.core.score.Scorer} computes gradient alignment with spans of true invariants on
 * the data manifold, the matched invariants, {@code R²} and {@code |Pearson r|}, and the within-group spread,
 * into a {@link org.invariantlab.core.score.Scores} record, configured by
 * {@link org.invariantlab.core.score.ScoringOptions}. {@link org.invariantlab.core.score.FormulaCheck} checks a
 * formula read off a network: exactly an affine combination of true invariants (Symja), and constant within
 * fresh groups. Plain Java: it sees learned functions only as
 * {@link org.invariantlab.api.system.ScalarField}s, so it loads no neural-network library itself.
 */
package org.invariantlab.core.score;
