/**
 * Runs: a {@link org.invariantlab.core.run.RunSpec} (from YAML or flags) resolved against the registry, executed
 * by the {@link org.invariantlab.core.run.Runner} (sample → pairs → train → score → interpret), and written by
 * {@link org.invariantlab.core.run.ResultWriter} into a result directory that is complete or absent. The
 * paper reproductions ({@link org.invariantlab.core.run.Reproductions}) are lists of such runs.
 */
package org.invariantlab.core.run;
