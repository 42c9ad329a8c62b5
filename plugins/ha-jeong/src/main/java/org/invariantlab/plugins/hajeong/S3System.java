package org.invariantlab.plugins.hajeong;

import java.util.SplittableRandom;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.pf4j.Extension;

/**
 * Ha &amp; Jeong's system S3, with a logarithm and a quotient:
 * <pre>
 *   C = 2·x1·x2 + (x0 − ln|x1 + x3|)/x3,
 *   ∇C = (1/x3,  2·x2 − 1/((x1 + x3)·x3),  2·x1,  −1/((x1 + x3)·x3) − (x0 − ln|x1 + x3|)/x3²).
 * </pre>
 * Sampling (as the authors' generator): {@code c ~ U(1, 4)} per group; per state {@code x1, x2 ~ U(−10, 10)},
 * {@code x3 ~ U(0.5, 5)} and {@code x0 = ln|x1 + x3| − (2·x1·x2 − c)·x3}, redrawn unless {@code |x0| < 10}.
 * See {@link LevelSetSystem}.
 *
 * <p>Reference: S. Ha, H. Jeong, Phys. Rev. Research 3, L042035 (2021), arXiv:2102.04008.
 */
@Extension
public final class S3System extends LevelSetSystem {

    /** The extension id. */
    public static final String ID = "hajeong-s3";

    /** The invariant. */
    static final ScalarField C = ScalarField.of(
            x -> 2 * x[1] * x[2] + (x[0] - Math.log(Math.abs(x[1] + x[3]))) / x[3],
            x -> {
                double a = x[1] + x[3];
                double rest = (x[0] - Math.log(Math.abs(a))) / x[3];
                double inv = 1 / (a * x[3]);
                return new double[] {1 / x[3], 2 * x[2] - inv, 2 * x[1], -inv - rest / x[3]};
            });

    /** Built by PF4J (or the host's injector). */
    public S3System() {
        super(ID, "Ha & Jeong S3: level sets of C = 2*x1*x2 + (x0 - ln|x1 + x3|)/x3", StateSpace.of("x0", "x1", "x2", "x3"),
                "2*x1*x2 + (x0 - Log(Abs(x1 + x3)))/x3", "2 x1 x2 + (x0 - ln|x1 + x3|)/x3 (Ha & Jeong S3)", C, 1.0, 4.0);
    }

    @Override
    boolean tryState(double c, SplittableRandom rng, double[] x) {
        x[1] = -10 + 20 * rng.nextDouble();
        x[2] = -10 + 20 * rng.nextDouble();
        x[3] = 0.5 + 4.5 * rng.nextDouble();
        x[0] = Math.log(Math.abs(x[1] + x[3])) - (2 * x[1] * x[2] - c) * x[3];
        return Math.abs(x[0]) < 10;
    }
}
