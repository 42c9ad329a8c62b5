/**
 * What every job shares, so that the jobs ({@code run}, {@code count}, {@code check}, and {@code compare}, which runs
 * the first two cell by cell) stand side by side and none imports another: the result folder written all at once
 * ({@link org.invariantlab.core.job.ResultDirectory}), progress ({@link org.invariantlab.core.job.JobListener}), the
 * description of a user's data file ({@link org.invariantlab.core.job.DataFile}), and formulas read, checked and
 * judged ({@link org.invariantlab.core.job.FormulaReport}, summarised as
 * {@link org.invariantlab.core.job.FormulaSummary}).
 */
package org.invariantlab.core.job;
