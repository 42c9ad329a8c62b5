package org.invariantlab.core.verdict;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.symbolic.Rational;

/**
 * What a verdict may use: the variables, the system's vector field as formulas (if declared), its canonical layout
 * (for Poisson brackets), its declared true invariants, and groups (or trajectories) that the reader never saw.
 *
 * @param variables the state variables, in order
 * @param field     {@code h} as formulas, one per variable, when the system declares it
 * @param canonical the (q, p) layout, when the phase space is canonical
 * @param truth     the declared true invariants (with their formulas); empty when none are declared
 * @param heldOut   groups or trajectories not used for reading; may have no groups
 * @param seed      seed of the random points and the bootstrap
 */
public record VerdictContext(List<String> variables, Optional<List<String>> field, Optional<CanonicalLayout> canonical,
                             List<TrueInvariant> truth, RaggedGroups heldOut, long seed) {

    /** Denominator of the rational points: a prime, so that the points are not special for rational functions. */
    static final int DENOMINATOR = 997;

    public VerdictContext {
        variables = List.copyOf(variables);
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(canonical, "canonical");
        truth = List.copyOf(truth);
        Objects.requireNonNull(heldOut, "heldOut");
        if (field.isPresent() && field.get().size() != variables.size()) {
            throw new IllegalArgumentException("a vector field of " + field.get().size() + " formulas for "
                    + variables.size() + " variables");
        }
    }

    /** The context of a system or data file's {@code model}, with {@code heldOut} groups. */
    public static VerdictContext of(SystemModel model, RaggedGroups heldOut, long seed) {
        return new VerdictContext(model.stateSpace().variables(), model.vectorFieldExpressions(),
                model.stateSpace().canonical(), model.invariants(), heldOut, seed);
    }

    /**
     * {@code n} random rational points near held-out states (each coordinate the nearest multiple of
     * 1/{@value #DENOMINATOR} to the state's, moved by a random number of such steps up to 3): inside the region the
     * data cover (where logarithms and roots are real), and, being random on a fine grid, points where a non-zero
     * rational function of moderate degree is non-zero with high probability (Schwartz–Zippel: probability of a zero
     * at most degree / grid size per point). Empty without held-out states.
     */
    public List<Rational[]> points(int n) {
        List<Rational[]> out = new ArrayList<>();
        long states = heldOut.size();
        if (states == 0) {
            return out;
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5eed5eedL);
        int groups = heldOut.groupCount();
        for (int k = 0; k < n; k++) {
            int g = rng.nextInt(groups);
            double[] x = heldOut.state(g, rng.nextInt(heldOut.groupSize(g)));
            Rational[] p = new Rational[x.length];
            for (int i = 0; i < x.length; i++) {
                long numerator = Math.round(x[i] * DENOMINATOR) + rng.nextInt(7) - 3;
                p[i] = new Rational(BigInteger.valueOf(numerator), BigInteger.valueOf(DENOMINATOR));
            }
            out.add(p);
        }
        return out;
    }
}
