package org.invariantlab.api.system;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Canonical pairing of a phase space: {@code positions.get(i)} and {@code momenta.get(i)} are the indices of
 * the conjugate pair {@code (q_i, p_i)}. The canonical Poisson bracket is
 * {@code {f, g} = Σ_i (∂f/∂q_i ∂g/∂p_i − ∂f/∂p_i ∂g/∂q_i)}.
 *
 * @param positions indices of {@code q_1..q_n}
 * @param momenta   indices of {@code p_1..p_n}
 */
public record CanonicalLayout(List<Integer> positions, List<Integer> momenta) {

    public CanonicalLayout {
        positions = List.copyOf(Objects.requireNonNull(positions, "positions"));
        momenta = List.copyOf(Objects.requireNonNull(momenta, "momenta"));
        if (positions.size() != momenta.size() || positions.isEmpty()) {
            throw new IllegalArgumentException("need as many momenta as positions (and at least one pair)");
        }
        Set<Integer> all = new HashSet<>(positions);
        all.addAll(momenta);
        if (all.size() != 2 * positions.size()) {
            throw new IllegalArgumentException("positions and momenta must be distinct indices");
        }
    }

    /** Number of degrees of freedom {@code n}. */
    public int degreesOfFreedom() {
        return positions.size();
    }

    /** Canonical Poisson bracket of two gradients, {@code Σ_i (a_qi b_pi − a_pi b_qi)}. */
    public double poissonBracket(double[] gradA, double[] gradB) {
        double s = 0;
        for (int i = 0; i < positions.size(); i++) {
            int q = positions.get(i);
            int p = momenta.get(i);
            s += gradA[q] * gradB[p] - gradA[p] * gradB[q];
        }
        return s;
    }

    void checkFits(int dimension) {
        for (int i : positions) {
            check(i, dimension);
        }
        for (int i : momenta) {
            check(i, dimension);
        }
    }

    private static void check(int i, int dimension) {
        if (i < 0 || i >= dimension) {
            throw new IllegalArgumentException("canonical index " + i + " outside 0.." + (dimension - 1));
        }
    }
}
