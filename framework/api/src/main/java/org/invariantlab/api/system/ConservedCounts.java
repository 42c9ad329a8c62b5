package org.invariantlab.api.system;

import java.util.OptionalInt;

/**
 * How many conserved quantities a dynamical system has: part of its truth, declared by the system and checked by
 * the test kit's contract (the independent count is the rank of the true invariants' gradients on sampled
 * states; the first {@code inInvolution} true invariants must Poisson-commute pairwise).
 *
 * <p>Independent and commuting counts legitimately differ: the planar Kepler problem has 3 independent conserved
 * quantities ({@code E}, {@code L} and the direction of the Runge–Lenz vector) of which 2 are in involution; the
 * isotropic 2-D oscillator likewise 3 and 2; the damped oscillator, a negative control, has 0 and 0.
 *
 * @param independent  functionally independent conserved quantities (time-independent, global), if known
 * @param inInvolution the largest number of them that pairwise Poisson-commute, if known (Hamiltonian systems)
 */
public record ConservedCounts(OptionalInt independent, OptionalInt inInvolution) {

    public ConservedCounts {
        if (independent.isPresent() && independent.getAsInt() < 0
                || inInvolution.isPresent() && inInvolution.getAsInt() < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        if (independent.isPresent() && inInvolution.isPresent()
                && inInvolution.getAsInt() > independent.getAsInt()) {
            throw new IllegalArgumentException("more quantities in involution than independent ones");
        }
    }

    /** Both counts known. */
    public static ConservedCounts of(int independent, int inInvolution) {
        return new ConservedCounts(OptionalInt.of(independent), OptionalInt.of(inInvolution));
    }

    /** Only the independent count known (a system without a (q, p) layout). */
    public static ConservedCounts independent(int independent) {
        return new ConservedCounts(OptionalInt.of(independent), OptionalInt.empty());
    }
}
