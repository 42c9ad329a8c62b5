/**
 * Figures of a run: {@link org.invariantlab.core.report.Plots} draws PNGs (learned latent against the
 * matched invariant, training curves) with XChart in headless mode and writes them atomically. Only runs
 * load this package; listing commands never touch AWT.
 */
package org.invariantlab.core.report;
