package org.invariantlab.core.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The simplest basis of the exact span of several rounded readings (issue 18: a basis, not a mixture).
 *
 * <p>The reading of several networks picks its basis by how well each direction agrees with the networks' gradients
 * ({@link GradientReading}), in tiers, so that a loosely conserved last network cannot displace the well conserved
 * ones. Once the readings are exact rational combinations, the networks are no longer the best evidence: the data are.
 * A combination {@code F = Σ_m c_m φ_m} is conserved on the groups when its within-group spread
 * <pre>
 *   s(F) = Σ_g Σ_i (F(x_gi) − F̄_g)² / Σ_g Σ_i (F(x_gi) − F̄)²
 * </pre>
 * is at rounding level; every element of the span of conserved readings is conserved, so any basis of that span is
 * as right as the one read, and the physicist's basis is the sparsest one ({@code x²+px²}, {@code y²+py²},
 * {@code x·py−y·px} rather than three mixtures of them on the isotropic oscillator).
 *
 * <p>The readings are ranked by {@code s} (spreads below the cut of the groups' conserved subspace,
 * {@link ConservedSubspace}, count as that cut: a mixture {@code P²/2 − H/5} has a smaller relative spread than
 * {@code H} alone, yet both are conserved to the data's precision) and cut into tiers where it jumps by more than
 * {@value GradientReading#SPAN_FACTOR} ({@link GradientReading#tierLimits}); the basis is built tier after tier from
 * the sparse vectors of the exact span of the readings up to that tier — the {@code ℓ1}-sparsest directions of
 * {@link SparseBasis#candidates}, made exact on their support by {@link RationalSpan#onSupport}, and the readings
 * themselves — each admitted when its spread is within the tier's limit, ordered by simplicity
 * ({@link SparseBasis#complexity}, then spread) and kept when it raises the rank. The result spans exactly the span of
 * the readings, so a set proven conserved stays proven, a set in involution stays in involution (the bracket is
 * bilinear) and the functional rank is unchanged (it is a property of the span). The declared truth is never looked
 * at.
 */
final class ExactBasis {

    /**
     * A coefficient of an {@code ℓ1} candidate below these fractions of its largest is taken as outside its support
     * (reweighted least squares leaves the zeros of a sparse vector at about 2⁻²⁰ of its largest entry, and a real
     * coefficient is rarely below 10⁻³ of the largest; a wrong cut costs nothing: no vector of the span has that
     * support, or a less sparse one is found).
     */
    static final double[] SUPPORT_CUTS = {1e-3, 1e-6};

    private ExactBasis() {
    }

    /**
     * The simplest basis of the span of {@code readings}, tier by tier.
     *
     * @param readings rational coefficients over the library's columns (no constant), one vector per reading
     * @param library  the library the coefficients refer to
     * @param spread   the within-group spread {@code s} of a combination with the given double coefficients
     * @param floor    spreads below this are alike (the cut of the groups' conserved subspace, below which every
     *                 combination is conserved to the data's precision; 0 when there is none)
     * @return the basis, as many vectors as the readings' rank (a reading kept as it is appears as itself), or
     *         {@code readings} itself when they are fewer than 2 or not linearly independent
     */
    static List<Rational[]> simplest(List<Rational[]> readings, FeatureLibrary library,
                                     ToDoubleFunction<double[]> spread, double floor) {
        int k = readings.size();
        int m = library.size();
        if (k < 2 || RationalSpan.of(readings, m).rank() < k) {
            return readings;
        }
        double[] spreads = readings.stream().mapToDouble(r -> Math.max(floor, spread.applyAsDouble(doubles(r))))
                .toArray();
        Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> spreads[i]));
        double[] sorted = new double[k];
        for (int j = 0; j < k; j++) {
            sorted[j] = spreads[order[j]];
        }
        if (!Double.isFinite(sorted[k - 1])) {
            return readings;
        }
        double[] limits = GradientReading.tierLimits(sorted);
        List<Rational[]> kept = new ArrayList<>();
        RationalSpan keptSpan = RationalSpan.of(List.of(), m);
        int j = 0;
        while (j < k) {
            double limit = limits[j];
            int end = j;
            while (end < k && limits[end] == limit) {
                end++;
            }
            List<Rational[]> tier = new ArrayList<>();
            for (int t = 0; t < end; t++) {
                tier.add(readings.get(order[t]));
            }
            RationalSpan span = RationalSpan.of(tier, m);
            List<Candidate> candidates = candidates(span, tier, library, spread, limit);
            for (Candidate c : candidates) {
                if (keptSpan.rank() == span.rank()) {
                    break;
                }
                if (keptSpan.add(c.coefficients())) {
                    kept.add(c.coefficients());
                }
            }
            if (keptSpan.rank() < span.rank()) {
                return readings; // cannot happen (the tier's own readings are candidates); never return less
            }
            j = end;
        }
        return kept;
    }

    private record Candidate(Rational[] coefficients, int[] complexity, double spread) {
    }

    /** The admissible sparse vectors of {@code span} and the tier's readings, simplest first. */
    private static List<Candidate> candidates(RationalSpan span, List<Rational[]> tier, FeatureLibrary library,
                                              ToDoubleFunction<double[]> spread, double limit) {
        int m = library.size();
        List<Rational[]> vectors = new ArrayList<>(tier);
        Set<String> supports = new HashSet<>();
        for (double[] c : SparseBasis.candidates(span.basis())) {
            double largest = 0;
            for (double v : c) {
                largest = Math.max(largest, Math.abs(v));
            }
            for (double cut : SUPPORT_CUTS) {
                boolean[] support = new boolean[m];
                StringBuilder key = new StringBuilder(m);
                for (int a = 0; a < m; a++) {
                    support[a] = Math.abs(c[a]) > cut * largest;
                    key.append(support[a] ? '1' : '0');
                }
                if (supports.add(key.toString())) {
                    Optional<Rational[]> exact = span.onSupport(support);
                    exact.ifPresent(vectors::add);
                }
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (Rational[] v : vectors) {
            double s = spread.applyAsDouble(doubles(v));
            int[] columns = IntStream.range(0, m).filter(a -> !v[a].isZero()).toArray();
            if (columns.length > 0 && s <= limit) {
                out.add(new Candidate(v, SparseBasis.complexity(library, columns), s));
            }
        }
        out.sort((x, y) -> {
            int c = Arrays.compare(x.complexity(), y.complexity());
            return c != 0 ? c : Double.compare(x.spread(), y.spread());
        });
        return out;
    }

    static double[] doubles(Rational[] v) {
        double[] out = new double[v.length];
        for (int a = 0; a < v.length; a++) {
            out[a] = v[a].doubleValue();
        }
        return out;
    }
}
