package org.invariantlab.core.count;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.core.math.Linalg;
import org.invariantlab.core.train.Standardization;

/**
 * The count from unordered snapshots of each trajectory, by the dimension of the set a trajectory fills: a generic
 * bounded orbit of {@code dx/dt = h(x)} with {@code n} independent conserved quantities fills a set of dimension
 * {@code D = d − n} (an invariant torus, a level set; the idea of AI Poincaré, Z. Liu and M. Tegmark, Phys. Rev. Lett.
 * 126, 180604 (2021), which needs neither the order of the states nor their times).
 *
 * <p><b>Local dimension.</b> The states are standardised (each variable to zero mean and unit variance over all
 * states). Around anchor states of each trajectory, the {@code k} nearest states of the same trajectory ({@code k =}
 * {@value #NEIGHBOURS_PER_DIMENSION}{@code ·d}) have a covariance whose eigenvalues {@code λ_1 ≥ … ≥ λ_d} fall in two
 * families: along the set, {@code λ ≈ r²/(D + 2)} for a neighbourhood of radius {@code r}; across it, the set's
 * curvature ({@code ≈ κ²r⁴}), the measurement noise ({@code σ²}), and nothing at all in directions the set never
 * takes (an orbit of linear dynamics lies in a plane). The local dimension is the position of the first ratio
 * {@code λ_i/λ_{i+1}} of at least {@value #LOCAL_GAP} — an order of magnitude, beyond the scatter of the eigenvalues
 * along the set, which for {@code k ≥ 4d} points lie within a factor of about 3 of each other; the first, because a
 * later and wider gap separates curvature from directions never taken, not the set from its surroundings — and
 * {@code d} (the trajectory fills a full-dimensional region) when there is none. A trajectory's dimension is the
 * median over its anchors, the set's dimension the median over trajectories.
 *
 * <p><b>Noise and scale.</b> The dimension is measured again with neighbourhoods of {@code 2k} and {@code 4k} states
 * where the trajectories are long enough: eigenvalues along the set grow with {@code r²}, noise stays, curvature grows
 * with {@code r⁴}, so noise inflates the dimension at small scales and curvature at large ones; the smallest dimension
 * over the scales is taken, and a dimension that changes with the scale makes the count uncertain. So is a count on which fewer than two thirds of the trajectories agree (mixed regular and chaotic
 * orbits), and every trajectory's own dimension is reported.
 *
 * <p><b>An upper bound for any flow.</b> {@code n} independent conserved quantities confine an orbit to a level set of
 * dimension {@code d − n}, so the set a trajectory fills has {@code D ≤ d − n}: {@code n ≤ d − D}, whether or not the
 * orbit is generic or returns near itself (an orbit that spirals into a point fills a curve, and bounds {@code n} by
 * {@code d − 1}). Only the equality needs generic, recurrent orbits. So where the data carry directions of motion and
 * other methods count, the orbit dimension bounds the count from above and claims nothing; from unordered snapshots it
 * is the count as well. The bound errs only when {@code D} is overestimated — noise at small scales, curvature at large
 * ones — which the smallest-over-scales rule guards against and the warnings below report (a warned dimension bounds
 * nothing).
 *
 * <p><b>Pitfalls.</b> Resonant orbits fill less than generic ones (the isotropic oscillator's orbits are closed curves:
 * {@code d − 1} quantities, its superintegrability shows), and a chaotic orbit fills its energy shell only over long
 * times: snapshots must cover each trajectory's set, and a trajectory needs many more states than {@code k}.
 */
public final class OrbitDimension {

    /** The method's name in {@code count.json}. */
    public static final String ID = "orbit-dimension";

    /** Neighbours per state dimension. */
    static final int NEIGHBOURS_PER_DIMENSION = 4;

    /** The smallest eigenvalue ratio that separates directions along the set from directions across it. */
    static final double LOCAL_GAP = 10;

    /** Anchor states per trajectory. */
    static final int ANCHORS = 24;

    /** A trajectory needs this many times {@code k} states for its neighbourhoods to be local. */
    static final int STATES_PER_NEIGHBOURHOOD = 5;

    /** Share of trajectories that must agree on the dimension for the count to be taken. */
    static final double AGREEMENT = 2.0 / 3;

    /**
     * The largest share of each direction of a set that a neighbourhood may span for its dimension to bound the count:
     * an arc of angle {@code θ} of a circle has along-to-across variance ratio {@code ≈ 60/θ²} (the chord's
     * {@code θ²/12} against the sagitta's {@code θ⁴/720}), which stays above the gap {@value #LOCAL_GAP} for
     * {@code θ ≤ √6}, a share {@code √6/(2π) ≈ 0.39} of the circle. A neighbourhood of {@code k} of {@code n} states on
     * a {@code D}-dimensional set spans about {@code (k/n)^(1/D)} of each direction.
     */
    static final double MAX_COVER = Math.sqrt(6) / (2 * Math.PI);

    /** Trajectories drawn for the orbit dimension of a system ({@link CountData#simulate}). */
    public static final int TRAJECTORIES = 24;

    /**
     * How much longer than one group's time span ({@code tMax}, typically one or two periods of the slowest motion) a
     * system's trajectories for the orbit dimension run: 50 times (50–100 periods), so that an orbit on a 2-torus
     * passes each neighbourhood many times, or 10 times when the integrator cannot go that far within its budget (the
     * FPUT chains, whose {@code tMax} is already 200). Too short a span makes a trajectory look lower-dimensional than
     * its set, which only loosens the upper bound {@code d − D} (see the class comment, "an upper bound"); it never
     * tightens it wrongly.
     */
    public static final List<Double> SPANS = List.of(50.0, 10.0);

    private OrbitDimension() {
    }

    /**
     * States per trajectory for a system of dimension {@code d}: {@value #STATES_PER_ANCHOR_NEIGHBOURHOOD} times the
     * largest neighbourhood ({@code 4k}, {@code k = }{@value #NEIGHBOURS_PER_DIMENSION}{@code ·d}), so that a
     * neighbourhood of {@code k} states covers {@code 1/160} of the set: {@code (1/160)^(1/D)} of each direction,
     * within {@link #MAX_COVER} up to {@code D = 5}.
     */
    public static int statesPerTrajectory(int d) {
        return STATES_PER_ANCHOR_NEIGHBOURHOOD * 4 * NEIGHBOURS_PER_DIMENSION * d;
    }

    /** See {@link #statesPerTrajectory(int)}. */
    static final int STATES_PER_ANCHOR_NEIGHBOURHOOD = 40;

    /**
     * The dimension measured, per trajectory and overall.
     *
     * @param count          {@code d − D}
     * @param dimension      the set's dimension {@code D}
     * @param perTrajectory  each usable trajectory's dimension
     * @param agreement      the share of trajectories whose dimension is {@code D}
     * @param atTwiceTheSize {@code D} with neighbourhoods of {@code 2k} (-1 when the trajectories are too short)
     * @param neighbours     the neighbourhood size of the dimension taken
     * @param rule           the rule and its numbers in one sentence
     * @param warnings       what makes the count uncertain
     * @param bound          the upper bound {@code d − D_k} on the count where other methods count, {@code D_k} the
     *                       median dimension with the smallest neighbourhoods (the least curvature)
     * @param boundWarnings  why the bound cannot be trusted (empty when it can): curvature shows when the dimension
     *                       with neighbourhoods of {@code 2k} differs from {@code D_k} — it raises the dimension by
     *                       a ratio that grows only as {@code 2^(2/D)} from {@code k} to {@code 2k}, so a change at
     *                       {@code 2k} means it is near the gap at {@code k} too — when fewer than two thirds of
     *                       the trajectories fill {@code D_k} dimensions, or when a neighbourhood spans more than
     *                       {@link #MAX_COVER} of each direction of the set
     */
    public record Result(int count, int dimension, double[] perTrajectory, double agreement, int atTwiceTheSize,
                         int neighbours, String rule, List<String> warnings, int bound, List<String> boundWarnings) {
    }

    /**
     * Measures the trajectories of {@code groups}.
     *
     * @throws org.invariantlab.api.InvalidInputException when no trajectory has enough states
     */
    public static Result measure(RaggedGroups groups) {
        int d = groups.dimension();
        int k = NEIGHBOURS_PER_DIMENSION * d;
        double[][] standard = standardised(groups);
        int[] dims = dimensions(groups, standard, k);
        if (dims.length == 0) {
            throw new org.invariantlab.api.InvalidInputException(String.format(Locale.ROOT, "counting from snapshots "
                    + "needs trajectories of at least %d states (%d neighbours of each of %d anchors, %d times that); "
                    + "the longest here has %d: give each trajectory more states", STATES_PER_NEIGHBOURHOOD * k, k,
                    ANCHORS, STATES_PER_NEIGHBOURHOOD, longest(groups)));
        }
        // the same at neighbourhoods 2k and 4k where the trajectories are long enough: along the set the eigenvalues grow
        // with r², noise does not, curvature grows with r⁴ — noise inflates the dimension at small scales and curvature
        // at large ones, so the smallest dimension over the scales is the set's, and a difference is said
        List<Integer> scales = new ArrayList<>(List.of(k));
        List<Integer> byScale = new ArrayList<>(List.of(median(dims)));
        for (int s = 2 * k; s <= 4 * k; s *= 2) {
            int[] at = dimensions(groups, standard, s);
            if (at.length * 2 >= dims.length) {
                scales.add(s);
                byScale.add(median(at));
            }
        }
        int best = 0;
        for (int i = 1; i < byScale.size(); i++) {
            if (byScale.get(i) < byScale.get(best)) {
                best = i;
            }
        }
        int[] atK = dims;
        if (best > 0) {
            dims = dimensions(groups, standard, scales.get(best));
        }
        int dimension = byScale.get(best);
        int atTwice = byScale.size() > 1 ? byScale.get(1) : -1;
        long agreeing = Arrays.stream(dims).filter(x -> x == dimension).count();
        double agreement = agreeing / (double) dims.length;
        List<String> warnings = new ArrayList<>();
        if (agreement < AGREEMENT) {
            warnings.add(String.format(Locale.ROOT, "the trajectories disagree on the dimension of the set they fill "
                    + "(%s): only %d of %d fill %d dimensions, so the count is uncertain (mixed regular and chaotic "
                    + "orbits, or snapshots that do not cover each trajectory's set)", histogram(dims, d), agreeing,
                    dims.length, dimension));
        }
        if (byScale.stream().distinct().count() > 1) {
            List<String> said = new ArrayList<>();
            for (int i = 0; i < scales.size(); i++) {
                said.add(byScale.get(i) + " with " + scales.get(i) + " neighbours");
            }
            warnings.add(String.format(Locale.ROOT, "the dimension depends on the neighbourhood (%s: noise at small "
                    + "scales, curvature at large ones); the smallest is taken and the count is uncertain",
                    String.join(", ", said)));
        }
        double[] per = Arrays.stream(dims).asDoubleStream().toArray();
        String rule = String.format(Locale.ROOT, "the trajectories fill sets of dimension %d (%s over %d trajectories, "
                + "%d neighbours, eigenvalue gap at least %.0f; by neighbourhood %s): %d - %d = %d conserved",
                dimension, histogram(dims, d), dims.length, scales.get(best), LOCAL_GAP, byScale, d, dimension,
                d - dimension);
        // the bound: the smallest neighbourhoods, trusted when twice as many agree and so do the trajectories
        int smallest = byScale.get(0);
        long withSmallest = Arrays.stream(atK).filter(x -> x == smallest).count();
        List<String> boundWarnings = new ArrayList<>();
        if (atTwice < 0) {
            boundWarnings.add(String.format(Locale.ROOT, "the trajectories are too short to compare neighbourhoods of "
                    + "%d and %d states, so curvature cannot be ruled out", k, 2 * k));
        } else if (atTwice != smallest) {
            boundWarnings.add(String.format(Locale.ROOT, "the dimension is %d with %d neighbours and %d with %d: "
                    + "curvature (or noise) at these scales, so the bound is not trusted", smallest, k, atTwice, 2 * k));
        }
        int[] lengths = new int[groups.groupCount()];
        for (int g = 0; g < lengths.length; g++) {
            lengths[g] = groups.groupSize(g);
        }
        double cover = Math.pow(k / (double) median(lengths), 1.0 / smallest);
        if (cover > MAX_COVER) {
            boundWarnings.add(String.format(Locale.ROOT, "a neighbourhood of %d of the %d states of a trajectory spans "
                    + "about %.2f of each of the %d directions of its set, more than %.2f, where the set's own curvature "
                    + "would close the gap: too coarse a reading to bound the count", k, median(lengths), cover,
                    smallest, MAX_COVER));
        }
        if (withSmallest < AGREEMENT * atK.length) {
            boundWarnings.add(String.format(Locale.ROOT, "only %d of %d trajectories fill %d dimensions with %d "
                    + "neighbours (%s), so the bound is not trusted", withSmallest, atK.length, smallest, k,
                    histogram(atK, d)));
        }
        return new Result(d - dimension, dimension, per, agreement, atTwice, scales.get(best), rule, warnings,
                d - smallest, boundWarnings);
    }

    private static int[] dimensions(RaggedGroups groups, double[][] standard, int k) {
        return Arrays.stream(byTrajectory(groups, standard, k)).filter(x -> x >= 0).toArray();
    }

    /** Each trajectory's dimension with neighbourhoods of {@code k} states, -1 where it is too short for them. */
    private static int[] byTrajectory(RaggedGroups groups, double[][] standard, int k) {
        int[] out = new int[groups.groupCount()];
        for (int g = 0; g < groups.groupCount(); g++) {
            int m = groups.groupSize(g);
            if (m < STATES_PER_NEIGHBOURHOOD * k) {
                out[g] = -1;
                continue;
            }
            int[] local = new int[Math.min(ANCHORS, m)];
            for (int a = 0; a < local.length; a++) {
                local[a] = localDimension(standard[g], m, (int) ((long) a * m / local.length), k);
            }
            out[g] = median(local);
        }
        return out;
    }

    /** The local dimension at state {@code anchor} of a trajectory of {@code m} standardised states. */
    static int localDimension(double[] x, int m, int anchor, int k) {
        int d = x.length / m;
        double[] distance = new double[m];
        Integer[] order = new Integer[m];
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                double t = x[j * d + i] - x[anchor * d + i];
                s += t * t;
            }
            distance[j] = s;
            order[j] = j;
        }
        Arrays.sort(order, (p, q) -> Double.compare(distance[p], distance[q]));
        double[] mean = new double[d];
        for (int n = 0; n <= k; n++) {
            for (int i = 0; i < d; i++) {
                mean[i] += x[order[n] * d + i] / (k + 1);
            }
        }
        double[][] cov = new double[d][d];
        for (int n = 0; n <= k; n++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += (x[order[n] * d + a] - mean[a]) * (x[order[n] * d + b] - mean[b]) / k;
                }
            }
        }
        double[] lambda = Linalg.symmetricEigenvalues(cov); // descending
        double floor = Math.max(lambda[0], Double.MIN_NORMAL) * 1e-15;
        for (int i = 0; i < d - 1; i++) {
            if (Math.max(lambda[i], floor) / Math.max(lambda[i + 1], floor) >= LOCAL_GAP) {
                return i + 1; // the first gap: below it lie curvature, noise, and the directions the set never takes
            }
        }
        return d;
    }

    /** Each trajectory's states standardised over all states ({@link Standardization}, one home for the rule). */
    private static double[][] standardised(RaggedGroups groups) {
        double[][] values = new double[groups.groupCount()][];
        for (int g = 0; g < values.length; g++) {
            values[g] = groups.values(g);
        }
        Standardization s = Standardization.fit(groups.dimension(), values);
        double[][] out = new double[values.length][];
        for (int g = 0; g < values.length; g++) {
            out[g] = s.apply(values[g]);
        }
        return out;
    }

    private static int median(int[] v) {
        int[] s = v.clone();
        Arrays.sort(s);
        return s[(s.length - 1) / 2];
    }

    private static int longest(RaggedGroups groups) {
        int most = 0;
        for (int g = 0; g < groups.groupCount(); g++) {
            most = Math.max(most, groups.groupSize(g));
        }
        return most;
    }

    private static String histogram(int[] dims, int d) {
        int[] counts = new int[d + 1];
        for (int x : dims) {
            counts[x]++;
        }
        List<String> parts = new ArrayList<>();
        for (int x = 0; x <= d; x++) {
            if (counts[x] > 0) {
                parts.add(counts[x] + " of dimension " + x);
            }
        }
        return String.join(", ", parts);
    }
}
