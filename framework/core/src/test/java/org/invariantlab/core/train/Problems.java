package org.invariantlab.core.train;

import java.util.List;
import java.util.SplittableRandom;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.training.GroupExamples;
import org.invariantlab.api.training.PairExamples;

/**
 * Tiny invariant-learning problems in the plane: the rotation invariant {@code r² = x² + y²}.
 */
final class Problems {

    private Problems() {
    }

    /**
     * Pairs {@code (x, Rx)} (label 1) and {@code (x, R x_j)} with {@code x_j} from another pair (label 0),
     * alternating; {@code x} uniform in {@code [−1, 1]²} shifted by {@code (2, −1)} and scaled by 3, so the
     * standardisation has something to do; {@code R} a random rotation about the shifted centre.
     */
    static PairExamples rotationPairs(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] base = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            base[i] = 2 * rng.nextDouble() - 1;
        }
        double[] first = new double[2 * n];
        double[] second = new double[2 * n];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            boolean positive = i % 2 == 0;
            int j = positive ? i : (i + 1 + rng.nextInt(n - 1)) % n;
            double phi = 2 * Math.PI * rng.nextDouble();
            double c = Math.cos(phi);
            double s = Math.sin(phi);
            double x = base[2 * j];
            double y = base[2 * j + 1];
            first[2 * i] = raw(base[2 * i], 0);
            first[2 * i + 1] = raw(base[2 * i + 1], 1);
            second[2 * i] = raw(c * x - s * y, 0);
            second[2 * i + 1] = raw(s * x + c * y, 1);
            labels[i] = positive ? 1 : 0;
        }
        return new PairExamples(2, first, second, labels);
    }

    /** Raw coordinate {@code 3u + shift}: shifts (2, −1). */
    private static double raw(double u, int axis) {
        return 3 * u + (axis == 0 ? 2 : -1);
    }

    /** The centred coordinates {@code u = (x − shift)/3} of a raw state. */
    static double[] centred(double[] raw) {
        return new double[] {(raw[0] - 2) / 3, (raw[1] + 1) / 3};
    }

    /** {@code ∇r²} with respect to the raw state (up to the positive factor 2/9). */
    static double[] radialDirection(double[] raw) {
        return centred(raw);
    }

    /**
     * Groups of {@code m} points on circles of random radius in {@code (0.2, 1)} about the origin, and for each
     * group {@code p} perturbed points: a group point moved by a random vector of norm up to 0.3.
     */
    static GroupExamples circleGroups(int groups, int m, int p, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] orig = new double[groups * m * 2];
        double[] pert = new double[groups * p * 2];
        for (int g = 0; g < groups; g++) {
            double r = 0.2 + 0.8 * rng.nextDouble();
            for (int i = 0; i < m; i++) {
                double phi = 2 * Math.PI * rng.nextDouble();
                orig[(g * m + i) * 2] = r * Math.cos(phi);
                orig[(g * m + i) * 2 + 1] = r * Math.sin(phi);
            }
            for (int i = 0; i < p; i++) {
                int src = g * m + rng.nextInt(m);
                double phi = 2 * Math.PI * rng.nextDouble();
                double len = 0.3 * rng.nextDouble();
                pert[(g * p + i) * 2] = orig[src * 2] + len * Math.cos(phi);
                pert[(g * p + i) * 2 + 1] = orig[src * 2 + 1] + len * Math.sin(phi);
            }
        }
        return new GroupExamples(new GroupedData(List.of("x", "y"), groups, m, orig),
                new GroupedData(List.of("x", "y"), groups, p, pert));
    }

    /** Mean over states of {@code |cos(a_i, b_i)|} for row-major {@code n × d} arrays. */
    static double meanAbsCos(double[] a, double[] b, int d) {
        int n = a.length / d;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int j = 0; j < d; j++) {
                ab += a[i * d + j] * b[i * d + j];
                aa += a[i * d + j] * a[i * d + j];
                bb += b[i * d + j] * b[i * d + j];
            }
            sum += Math.abs(ab) / Math.sqrt(aa * bb + 1e-300);
        }
        return sum / n;
    }
}
