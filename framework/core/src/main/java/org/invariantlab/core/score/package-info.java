/**
 * Scoring learned invariants against a system's true invariants (methods notes §6, §7):
 * {@link org.invariantlab.core.score.Scorer} computes gradient alignment with spans of true invariants on
 * the data manifold, the matched invariants, {@code R²} and {@code |Pearson r|}, and the within-group spread,
 * into a {@link org.invariantlab.core.score.Scores} record, configured by
 * {@link org.invariantlab.core.score.ScoringOptions}. Plain Java: it sees learned functions only as
 * {@link org.invariantlab.api.system.ScalarField}s, so it loads no neural-network library itself.
 */
package org.invariantlab.core.score;
