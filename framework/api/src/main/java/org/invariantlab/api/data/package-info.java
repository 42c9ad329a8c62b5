/**
 * Data as its own concept: {@link org.invariantlab.api.data.RaggedGroups}, groups of states that share their
 * invariants, of varying sizes, optionally ordered in time. Simulated systems produce them (through
 * {@link org.invariantlab.api.system.GroupedData}), and so do files.
 */
package org.invariantlab.api.data;
