/**
 * Runs: a {@link org.invariantlab.core.run.RunSpec} (from YAML or flags) resolved against the registry, executed
 * by the {@link org.invariantlab.core.run.Runner} (sample → pairs → train → judge → score → read and check the
 * formulas in a {@link org.invariantlab.core.job.FormulaReport}) and written into a
 * {@link org.invariantlab.core.job.ResultDirectory} that is complete or absent. Seeds come from
 * {@link org.invariantlab.core.run.RunSeeds}; {@link org.invariantlab.core.run.LearningVerdict} decides whether
 * the network learned anything; {@link org.invariantlab.core.run.MemoryEstimate} refuses runs too large for the
 * heap; {@link org.invariantlab.core.run.ResultReader} re-reads a finished run without retraining. The paper
 * reproductions ({@link org.invariantlab.core.run.Reproductions}) are lists of such runs, read from grids by
 * {@code core.compare.GridReproduction}.
 */
package org.invariantlab.core.run;

import org.invariantlab.core.job.FormulaReport;

import org.invariantlab.core.job.ResultDirectory;
