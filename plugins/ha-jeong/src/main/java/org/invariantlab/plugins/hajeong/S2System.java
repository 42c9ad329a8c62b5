package org.invariantlab.plugins.hajeong;

import java.util.SplittableRandom;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.pf4j.Extension;

/**
 * Ha &amp; Jeong's system S2, with a periodic and a non-smooth term:
 * <pre>
 *   C = 3·x0 + 2·sin x1 + √|x0|·x2³,
 *   ∇C = (3 + sgn(x0)·x2³/(2√|x0|), 2·cos x1, 3·√|x0|·x2²)      (x0 ≠ 0).
 * </pre>
 * Sampling (as the authors' generator): {@code c ~ U(−5, 0)} per group; per state {@code x0, x2 ~ U(−3, 3)}
 * and {@code s = (c − 3·x0 − √|x0|·x2³)/2}, redrawn unless {@code |s| ≤ 1}; then {@code x1 = arcsin s}, with
 * probability ½ replaced by the other solution in {@code (−π, π)} ({@code π − x1} for {@code x1 > 0},
 * {@code −π − x1} for {@code x1 < 0}), and shifted by one of {@code −2π, 0, 2π} chosen uniformly. See
 * {@link LevelSetSystem}.
 *
 * <p>Reference: S. Ha, H. Jeong, Phys. Rev. Research 3, L042035 (2021), arXiv:2102.04008.
 */
@Extension
public final class S2System extends LevelSetSystem {

    /** The extension id. */
    public static final String ID = "hajeong-s2";

    /** The invariant. */
    static final ScalarField C = ScalarField.of(
            x -> 3 * x[0] + 2 * Math.sin(x[1]) + Math.sqrt(Math.abs(x[0])) * x[2] * x[2] * x[2],
            x -> {
                double r = Math.sqrt(Math.abs(x[0]));
                double cube = x[2] * x[2] * x[2];
                return new double[] {3 + Math.signum(x[0]) * cube / (2 * r), 2 * Math.cos(x[1]), 3 * r * x[2] * x[2]};
            });

    /** Built by PF4J (or the host's injector). */
    public S2System() {
        super(ID, "Ha & Jeong S2: level sets of C = 3*x0 + 2*sin(x1) + sqrt(|x0|)*x2^3", StateSpace.of("x0", "x1", "x2"),
                "3*x0 + 2*Sin(x1) + Sqrt(Abs(x0))*x2^3", "3 x0 + 2 sin x1 + sqrt|x0| x2^3 (Ha & Jeong S2)", C, -5.0, 0.0);
    }

    @Override
    boolean tryState(double c, SplittableRandom rng, double[] x) {
        double x0 = -3 + 6 * rng.nextDouble();
        double x2 = -3 + 6 * rng.nextDouble();
        double s = (c - 3 * x0 - Math.sqrt(Math.abs(x0)) * x2 * x2 * x2) / 2;
        if (!(Math.abs(s) <= 1)) {
            return false;
        }
        double x1 = Math.asin(s);
        if (rng.nextBoolean()) {
            x1 = x1 > 0 ? Math.PI - x1 : x1 < 0 ? -Math.PI - x1 : x1;
        }
        x1 += 2 * Math.PI * (rng.nextInt(3) - 1);
        x[0] = x0;
        x[1] = x1;
        x[2] = x2;
        return true;
    }
}
