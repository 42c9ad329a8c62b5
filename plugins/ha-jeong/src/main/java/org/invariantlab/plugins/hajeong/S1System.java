package org.invariantlab.plugins.hajeong;

import java.util.SplittableRandom;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.pf4j.Extension;

/**
 * Ha &amp; Jeong's system S1, a polynomial invariant of four variables:
 * <pre>
 *   C = x0 − 3·x1·x2 + x3²/2,     ∇C = (1, −3·x2, −3·x1, x3).
 * </pre>
 * Sampling (as the authors' generator): {@code c ~ U(−5, 5)} per group; per state
 * {@code x1, x2, x3 ~ N(0, 2²)} independently and {@code x0 = c + 3·x1·x2 − x3²/2}, redrawn unless
 * {@code |x0| < 5}. See {@link LevelSetSystem}.
 *
 * <p>Reference: S. Ha, H. Jeong, Phys. Rev. Research 3, L042035 (2021), arXiv:2102.04008.
 */
@Extension
public final class S1System extends LevelSetSystem {

    /** The extension id. */
    public static final String ID = "hajeong-s1";

    /** The invariant. */
    static final ScalarField C = ScalarField.of(
            x -> x[0] - 3 * x[1] * x[2] + 0.5 * x[3] * x[3],
            x -> new double[] {1.0, -3 * x[2], -3 * x[1], x[3]});

    /** Built by PF4J (or the host's injector). */
    public S1System() {
        super(ID, "Ha & Jeong S1: level sets of C = x0 - 3*x1*x2 + x3^2/2", StateSpace.of("x0", "x1", "x2", "x3"),
                "x0 - 3*x1*x2 + x3^2/2", "polynomial invariant x0 - 3 x1 x2 + x3^2/2 (Ha & Jeong S1)", C, -5.0, 5.0);
    }

    @Override
    boolean tryState(double c, SplittableRandom rng, double[] x) {
        x[1] = 2 * rng.nextGaussian();
        x[2] = 2 * rng.nextGaussian();
        x[3] = 2 * rng.nextGaussian();
        x[0] = c + 3 * x[1] * x[2] - 0.5 * x[3] * x[3];
        return Math.abs(x[0]) < 5;
    }
}
