/** Sampled data sets: drawing groups from a configured system and exporting them with their true invariants. */
package org.invariantlab.core.data;
