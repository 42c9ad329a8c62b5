/**
 * Data sets: groups sampled from a configured system and exported with their true invariants, groups read from
 * CSV and NumPy files, the group-level split, measurement noise and the memory check before reading a file.
 */
package org.invariantlab.core.data;
