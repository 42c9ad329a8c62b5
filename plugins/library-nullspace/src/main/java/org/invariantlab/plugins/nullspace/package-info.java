/**
 * The {@code library-nullspace} plugin: a non-neural {@link org.invariantlab.api.count.CountingMethod} that counts
 * the conserved quantities inside a function library (monomials and declared features) as the nullspace of the Lie
 * derivative matrix {@code M_ij = ∇φ_j(x_i)·ĥ(x_i)}, with a rank rule from the noise of the directions, the
 * functional rank of that nullspace, and its simplest basis as formulas. See
 * {@link org.invariantlab.plugins.nullspace.LibraryNullspace}.
 */
package org.invariantlab.plugins.nullspace;
