/**
 * Data sets: groups sampled from a configured system and exported with their true invariants, groups read from
 * CSV and NumPy files, the group-level split, measurement noise, the memory check before reading a file, and the
 * direction of motion along measured trajectories ({@link org.invariantlab.core.data.TrajectoryTangents}).
 */
package org.invariantlab.core.data;
