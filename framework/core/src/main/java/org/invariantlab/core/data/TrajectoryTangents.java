package org.invariantlab.core.data;

import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.data.RaggedGroups;

/**
 * The direction of motion {@code dx/dt} along measured trajectories, for counting conserved quantities from data
 * that come without a vector field: each group is one trajectory, its states carry time stamps.
 *
 * <p>At an interior state {@code i}, with steps {@code a = t_i − t_{i−1}} and {@code b = t_{i+1} − t_i}, the
 * three-point derivative of a polynomial through the neighbours (exact for quadratics, error {@code O(a·b)}):
 *
 * <pre>  x'_i ≈ −b/(a(a+b))·x_{i−1} + (b−a)/(ab)·x_i + a/(b(a+b))·x_{i+1}</pre>
 *
 * and at the ends the one-sided three-point formulas of the same order (Fornberg, Math. Comp. 51, 699 (1988), gives
 * the weights for any spacing). The counting losses use only the unit vector {@code ĥ = x'/|x'|}, so the time unit
 * does not matter; what matters is that neighbouring states are close enough for the direction to be resolved,
 * which {@link Result#medianTurnDegrees()} measures: the median angle between the backward and the forward
 * difference at interior states (0° on a straight piece; large when the sampling step is a good fraction of a
 * period, or when measurement noise dominates the step).
 */
public final class TrajectoryTangents {

    /** A median turn above this many degrees between neighbouring steps means the directions are unreliable. */
    public static final double TURN_WARNING_DEGREES = 20;

    private TrajectoryTangents() {
    }

    /**
     * Tangents of every state of every group.
     *
     * @param tangents          one array per group, row-major like the group's values
     * @param medianTurnDegrees median over interior states of the angle between backward and forward differences
     * @param directionNoise    the root-mean-square error {@code σ} of the unit directions {@code ĥ}, estimated
     *                          from their roughness ({@link #directionNoise}); NaN without interior states
     */
    public record Result(java.util.List<double[]> tangents, double medianTurnDegrees, double directionNoise) {
    }

    /**
     * The tangents of {@code groups}.
     *
     * @param source for messages (the file's name)
     * @throws InvalidInputException without time stamps, for a group of fewer than three states, or for a time stamp
     *                               that repeats within a group
     */
    public static Result of(RaggedGroups groups, String source) {
        if (!groups.hasTimes()) {
            throw new InvalidInputException(source + " has no time stamps; counting from data estimates the direction of "
                    + "motion from consecutive states, so give the time of each state (--time-column for a CSV, a 't' "
                    + "array for an .npz)");
        }
        int d = groups.dimension();
        java.util.List<double[]> out = new java.util.ArrayList<>(groups.groupCount());
        double[] turns = new double[(int) Math.min(Integer.MAX_VALUE - 8, groups.size())];
        int turnCount = 0;
        for (int g = 0; g < groups.groupCount(); g++) {
            int n = groups.groupSize(g);
            if (n < 3) {
                throw new InvalidInputException(source + ": trajectory '" + groups.id(g) + "' has " + n + " state"
                        + (n == 1 ? "" : "s") + "; estimating the direction of motion needs at least 3 per trajectory");
            }
            double[] t = groups.times(g);
            double[] x = groups.values(g);
            for (int i = 1; i < n; i++) {
                if (!(t[i] > t[i - 1])) {
                    throw new InvalidInputException(source + ": trajectory '" + groups.id(g) + "' has the time " + t[i]
                            + " twice; each state of a trajectory needs its own time");
                }
            }
            double[] v = new double[n * d];
            for (int i = 0; i < n; i++) {
                int c = i == 0 ? 1 : i == n - 1 ? n - 2 : i; // the centre of the three points used
                double a = t[c] - t[c - 1];
                double b = t[c + 1] - t[c];
                double w0;
                double w1;
                double w2;
                if (i == c) {
                    w0 = -b / (a * (a + b));
                    w1 = (b - a) / (a * b);
                    w2 = a / (b * (a + b));
                } else if (i == 0) {
                    w0 = -(2 * a + b) / (a * (a + b));
                    w1 = (a + b) / (a * b);
                    w2 = -a / (b * (a + b));
                } else {
                    w0 = b / (a * (a + b));
                    w1 = -(a + b) / (a * b);
                    w2 = (a + 2 * b) / (b * (a + b));
                }
                for (int j = 0; j < d; j++) {
                    v[i * d + j] = w0 * x[(c - 1) * d + j] + w1 * x[c * d + j] + w2 * x[(c + 1) * d + j];
                }
                if (i == c && turnCount < turns.length) {
                    turns[turnCount++] = turn(x, c, d);
                }
            }
            out.add(v);
        }
        double median = Double.NaN;
        if (turnCount > 0) {
            double[] used = java.util.Arrays.copyOf(turns, turnCount);
            java.util.Arrays.sort(used);
            median = turnCount % 2 == 1 ? used[turnCount / 2] : 0.5 * (used[turnCount / 2 - 1] + used[turnCount / 2]);
        }
        return new Result(java.util.List.copyOf(out), median, directionNoise(groups, out));
    }

    /**
     * The root-mean-square error of the unit directions, from their roughness along each trajectory. At a state
     * {@code i} with both neighbours, {@code δ_i = ĥ_i − (b·ĥ_{i−1} + a·ĥ_{i+1})/(a + b)} (steps {@code a, b} before
     * and after) is the direction minus its linear interpolation from the neighbours. Errors of variance {@code σ²}
     * independent between states give {@code E|δ|² = σ²·(1 + w_a² + w_b²)} with {@code w_a = b/(a+b)},
     * {@code w_b = a/(a+b)}, so {@code σ² = mean(|δ_i|² / (1 + w_a² + w_b²))}. Two effects make this an upper bound
     * rather than an exact estimate, both of order one: a smooth direction's own curvature adds {@code O(a·b·ĥ'')}
     * (the three-point derivative's truncation error is of the same order, and is an error of the directions too),
     * and the overlapping stencils correlate neighbouring errors (for equal steps the variance factor is 1.25
     * instead of 1.5).
     */
    static double directionNoise(RaggedGroups groups, java.util.List<double[]> tangents) {
        int d = groups.dimension();
        double sum = 0;
        long count = 0;
        for (int g = 0; g < groups.groupCount(); g++) {
            int n = groups.groupSize(g);
            double[] t = groups.times(g);
            double[] v = tangents.get(g);
            for (int i = 1; i < n - 1; i++) {
                double a = t[i] - t[i - 1];
                double b = t[i + 1] - t[i];
                double wa = b / (a + b);
                double wb = a / (a + b);
                double[] prev = unit(v, i - 1, d);
                double[] here = unit(v, i, d);
                double[] next = unit(v, i + 1, d);
                if (prev == null || here == null || next == null) {
                    continue;
                }
                double e = 0;
                for (int j = 0; j < d; j++) {
                    double delta = here[j] - wa * prev[j] - wb * next[j];
                    e += delta * delta;
                }
                sum += e / (1 + wa * wa + wb * wb);
                count++;
            }
        }
        return count == 0 ? Double.NaN : Math.sqrt(sum / count);
    }

    private static double[] unit(double[] v, int row, int d) {
        double norm = 0;
        for (int j = 0; j < d; j++) {
            norm += v[row * d + j] * v[row * d + j];
        }
        if (!(norm > 0)) {
            return null;
        }
        norm = Math.sqrt(norm);
        double[] u = new double[d];
        for (int j = 0; j < d; j++) {
            u[j] = v[row * d + j] / norm;
        }
        return u;
    }

    /** Angle in degrees between {@code x_c − x_{c−1}} and {@code x_{c+1} − x_c} (0 when a step is zero). */
    private static double turn(double[] x, int c, int d) {
        double dot = 0;
        double nb = 0;
        double nf = 0;
        for (int j = 0; j < d; j++) {
            double back = x[c * d + j] - x[(c - 1) * d + j];
            double forward = x[(c + 1) * d + j] - x[c * d + j];
            dot += back * forward;
            nb += back * back;
            nf += forward * forward;
        }
        if (nb == 0 || nf == 0) {
            return 0;
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(nb * nf)))));
    }
}
