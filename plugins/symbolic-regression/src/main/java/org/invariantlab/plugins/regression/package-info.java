/**
 * The {@code symbolic-regression} plugin: an interpreter that searches expression trees (genetic programming with
 * Jenetics) for the formula whose gradient direction matches the learned function's (Patel &amp; Wetzel,
 * arXiv:2409.05305), for what no feature library holds. The host calls it by itself when the library reading does not
 * explain the network.
 */
package org.invariantlab.plugins.regression;
