/**
 * Comparing methods side by side ({@code invariantlab compare GRID.yaml}): a grid file ({@link GridFile}) lists
 * data, methods, seeds and sweeps; every combination is a {@link Cell}, an ordinary run or count written to
 * {@code DIR/cells/<id>/} by {@link CellWorker}; a {@link CellExecutor} (local, or Spark from the add-on) runs the
 * cells; {@link Comparison} resumes an interrupted grid and refuses to mix incompatible results; and
 * {@link ComparisonReport} writes {@code results.csv}, {@code report.md} and a self-contained {@code report.html}.
 * {@link GridReproduction} reads a grid as a paper reproduction (its first seed, the paper's figures of its
 * {@code paper:} blocks): the one catalogue of experiments.
 */
package org.invariantlab.core.compare;
