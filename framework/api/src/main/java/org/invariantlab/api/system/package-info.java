/**
 * The {@link org.invariantlab.api.system.PhysicalSystem} extension point and its value types: state
 * spaces, groups of states that share their invariants, true invariants with value and gradient, vector
 * fields and extra interpreter features.
 */
package org.invariantlab.api.system;
