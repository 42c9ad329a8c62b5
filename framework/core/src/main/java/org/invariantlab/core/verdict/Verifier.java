package org.invariantlab.core.verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.math.Linalg;
import org.invariantlab.core.symbolic.Cas;
import org.invariantlab.core.symbolic.Rational;

/**
 * Decides verdicts (methods.md §11), strongest evidence first:
 * <ol>
 *   <li><b>proven</b> — the system declares its vector field {@code h} as formulas: the Lie derivative
 *       {@code L_h F = Σ_i ∂F/∂x_i · h_i} is tested for zero ({@link Cas#zeroTest}): it simplifies to 0, or it is
 *       exactly 0 at {@value #POINTS} random rational points (a rational function; Schwartz–Zippel), or, with roots,
 *       logarithms or exponentials, it is below {@value Cas#NUMERIC_ZERO} at {@value Cas#ZERO_TEST_DIGITS} digits at
 *       every point — the evidence says which. A point where it is not zero makes the formula <b>not conserved</b>;</li>
 *   <li><b>exact</b> — the system declares its true invariants: the formula is a function of them, i.e. its gradient
 *       lies in the span of theirs ({@code rank[∇I; ∇F] = rank[∇I]}) at every point, ranks computed exactly
 *       ({@link Cas#exactRanks}) where the gradients are rational, in double precision (relative tolerance
 *       {@value #RANK_TOLERANCE}) elsewhere. {@code (p1+p2+p3)^2/2} is a function of {@code P}; the evidence names
 *       the fewest invariants it depends on;</li>
 *   <li><b>conserved on held-out data</b> or <b>not conserved</b> — by its spread along groups the reader never saw,
 *       against functions that are not conserved ({@link HeldOutSpread}).</li>
 * </ol>
 * A set of formulas is <b>independent</b> when the rank of their gradients equals their number at the points, and
 * <b>in involution</b> when every pairwise Poisson bracket {@code {F, G} = Σ_i ∂F/∂q_i ∂G/∂p_i − ∂F/∂p_i ∂G/∂q_i}
 * passes the zero test. Nothing here looks at a network: a verdict never rests on agreement with it.
 */
public final class Verifier {

    /** Random rational points of every test. */
    public static final int POINTS = 12;

    /** Points used while looking for the fewest invariants a formula depends on (the final test uses all). */
    static final int SEARCH_POINTS = 4;

    /** A singular value below this fraction of the largest is 0, where ranks are taken in double precision. */
    public static final double RANK_TOLERANCE = 1e-9;

    private final VerdictContext context;
    private final List<Rational[]> points;
    private final Map<String, List<String>> gradients = new HashMap<>();

    private Verifier(VerdictContext context) {
        this.context = context;
        this.points = context.points(POINTS);
    }

    /** A verifier for formulas of one context (it caches the declared invariants' gradients). */
    public static Verifier of(VerdictContext context) {
        return new Verifier(context);
    }

    /** The verdict on {@code expression}, whose values and gradient {@code f} gives. */
    public Verdict verdict(String expression, ScalarField f) {
        if (constant(f)) {
            return Verdict.of(expression, VerdictKind.UNDECIDED, "the formula is constant on the data: not a quantity");
        }
        if (context.field().isPresent() && !points.isEmpty()) {
            Optional<Verdict> byField = byField(expression);
            if (byField.isPresent()) {
                return byField.get();
            }
        }
        if (!context.truth().isEmpty() && !points.isEmpty()) {
            Optional<Verdict> byTruth = byTruth(expression, f);
            if (byTruth.isPresent()) {
                return byTruth.get();
            }
        }
        Optional<HeldOutSpread> h = HeldOutSpread.measure(f, context.heldOut(), context.seed());
        if (h.isEmpty()) {
            return Verdict.of(expression, VerdictKind.UNDECIDED, "no vector field, no truth that it is a function of, "
                    + "and no held-out spread to judge it by (fewer than " + HeldOutSpread.MIN_GROUPS + " held-out groups of "
                    + "two or more states, or one value on most held-out states)");
        }
        String prefix = context.truth().isEmpty() ? "" : "not a function of the declared invariants; ";
        return Verdict.of(expression, h.get().conserved() ? VerdictKind.CONSERVED_ON_HELD_OUT_DATA
                : VerdictKind.NOT_CONSERVED, prefix + h.get().describe());
    }

    /** The verdict on a set of formulas: independence and, on a canonical phase space, involution. */
    public SetVerdict set(List<String> expressions, List<? extends ScalarField> fields) {
        int k = expressions.size();
        if (k == 0 || points.isEmpty()) {
            return new SetVerdict(k, 0, false, null, "no points to evaluate at");
        }
        List<List<String>> rows = new ArrayList<>();
        for (String e : expressions) {
            rows.add(gradient(e));
        }
        Ranks ranks = ranks(rows, fields, points);
        int rank = mostFrequent(ranks.values());
        boolean independent = rank == k;
        StringBuilder evidence = new StringBuilder(String.format(Locale.ROOT, "gradient rank %d at %d random points%s",
                rank, points.size(), ranks.exact() ? " (exact)" : " (in double precision where not rational)"));
        Boolean involution = null;
        Optional<CanonicalLayout> layout = context.canonical();
        if (layout.isPresent() && k > 1) {
            involution = true;
            int pairs = 0;
            for (int a = 0; a < k && involution; a++) {
                for (int b = a + 1; b < k && involution; b++) {
                    Cas.ZeroTest z = Cas.zeroTest(bracket(rows.get(a), rows.get(b), layout.get()), context.variables(),
                            points);
                    pairs++;
                    if (z.outcome() == Cas.ZeroOutcome.NONZERO || z.outcome() == Cas.ZeroOutcome.UNDECIDED) {
                        involution = false;
                        evidence.append("; {F").append(a + 1).append(", F").append(b + 1).append("} ≠ 0: ")
                                .append(z.counterexample());
                    }
                }
            }
            if (involution) {
                evidence.append("; all ").append(pairs).append(" Poisson brackets vanish");
            }
        } else if (layout.isPresent()) {
            involution = true;
        }
        return new SetVerdict(k, rank, independent, involution, evidence.toString());
    }

    private Optional<Verdict> byField(String expression) {
        List<String> h = context.field().orElseThrow();
        List<String> grad = gradient(expression);
        StringBuilder lie = new StringBuilder();
        for (int i = 0; i < h.size(); i++) {
            lie.append(i == 0 ? "" : "+").append("(").append(grad.get(i)).append(")*(").append(h.get(i)).append(")");
        }
        Cas.ZeroTest z = Cas.zeroTest(lie.toString(), context.variables(), points);
        return switch (z.outcome()) {
            case SYMBOLIC_ZERO -> Optional.of(Verdict.of(expression, VerdictKind.PROVEN,
                    "the Lie derivative ∇F·h simplifies to 0"));
            case EXACT_ZERO_AT_POINTS -> Optional.of(Verdict.of(expression, VerdictKind.PROVEN, String.format(Locale.ROOT,
                    "the Lie derivative ∇F·h, a rational function, is exactly 0 at %d random rational points "
                    + "(Schwartz–Zippel)", z.points())));
            case NUMERIC_ZERO_AT_POINTS -> Optional.of(Verdict.of(expression, VerdictKind.PROVEN, String.format(Locale.ROOT,
                    "the Lie derivative ∇F·h is below %.0e at %d random points, evaluated to %d digits (numerically: "
                    + "it did not simplify)", Cas.NUMERIC_ZERO, z.points(), Cas.ZERO_TEST_DIGITS)));
            case NONZERO -> Optional.of(Verdict.of(expression, VerdictKind.NOT_CONSERVED,
                    "the Lie derivative ∇F·h is not 0: " + z.counterexample()));
            case UNDECIDED -> Optional.empty();
        };
    }

    private Optional<Verdict> byTruth(String expression, ScalarField f) {
        List<TrueInvariant> truth = context.truth();
        List<List<String>> truthRows = new ArrayList<>();
        for (TrueInvariant t : truth) {
            truthRows.add(gradient(t.expression()));
        }
        List<String> own = gradient(expression);
        // the fewest invariants it is a function of: drop each one whose removal keeps it in the span
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < truth.size(); j++) {
            keep.add(j);
        }
        List<Rational[]> few = points.subList(0, Math.min(SEARCH_POINTS, points.size()));
        if (!dependent(truthRows, keep, own, f, few)) {
            return Optional.empty();
        }
        for (int j = truth.size() - 1; j >= 0; j--) {
            List<Integer> without = new ArrayList<>(keep);
            without.remove(Integer.valueOf(j));
            if (!without.isEmpty() && dependent(truthRows, without, own, f, few)) {
                keep = without;
            }
        }
        if (!dependent(truthRows, keep, own, f, points)) {
            return Optional.empty();
        }
        List<String> names = keep.stream().map(j -> truth.get(j).name()).toList();
        return Optional.of(new Verdict(expression, VerdictKind.EXACT, String.format(Locale.ROOT, "its gradient lies in "
                + "the span of the gradients of %s at %d random rational points", String.join(", ", names), points.size()),
                names));
    }

    /** Whether {@code own} lies in the span of the rows {@code keep} of {@code truthRows} at every point. */
    private boolean dependent(List<List<String>> truthRows, List<Integer> keep, List<String> own, ScalarField f,
                              List<Rational[]> at) {
        List<List<String>> base = keep.stream().map(truthRows::get).toList();
        List<List<String>> with = new ArrayList<>(base);
        with.add(own);
        List<ScalarField> baseFields = keep.stream().map(j -> context.truth().get(j).field()).toList();
        List<ScalarField> withFields = new ArrayList<>(baseFields);
        withFields.add(f);
        int[] r0 = ranks(base, baseFields, at).values();
        int[] r1 = ranks(with, withFields, at).values();
        for (int i = 0; i < at.size(); i++) {
            if (r1[i] != r0[i]) {
                return false;
            }
        }
        return true;
    }

    /** Ranks at each point, and whether every one was computed exactly. */
    private record Ranks(int[] values, boolean exact) {
    }

    /** Exact ranks where the gradients are rational at a point, double-precision ranks elsewhere. */
    private Ranks ranks(List<List<String>> rows, List<? extends ScalarField> fields, List<Rational[]> at) {
        int[] exact;
        try {
            exact = Cas.exactRanks(rows, context.variables(), at);
        } catch (InvariantLabException e) {
            exact = new int[at.size()];
            java.util.Arrays.fill(exact, -1);
        }
        int[] out = new int[at.size()];
        boolean all = true;
        for (int i = 0; i < at.size(); i++) {
            all &= exact[i] >= 0;
            out[i] = exact[i] >= 0 ? exact[i] : numericRank(fields, at.get(i));
        }
        return new Ranks(out, all);
    }

    private static int numericRank(List<? extends ScalarField> fields, Rational[] point) {
        double[] x = new double[point.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = point[i].doubleValue();
        }
        List<double[]> g = new ArrayList<>();
        for (ScalarField f : fields) {
            g.add(f.gradient(x));
        }
        double largest = 0;
        for (double[] v : g) {
            largest = Math.max(largest, Linalg.norm(v));
        }
        if (largest == 0) {
            return 0;
        }
        List<double[]> scaled = new ArrayList<>();
        for (double[] v : g) {
            double[] s = v.clone();
            for (int i = 0; i < s.length; i++) {
                s[i] /= largest;
            }
            scaled.add(s);
        }
        return Linalg.orthonormalBasis(scaled, RANK_TOLERANCE).length;
    }

    private static int mostFrequent(int[] values) {
        Map<Integer, Integer> counts = new HashMap<>();
        int best = values[0];
        for (int v : values) {
            int c = counts.merge(v, 1, Integer::sum);
            if (c > counts.get(best) || c == counts.get(best) && v > best) {
                best = v;
            }
        }
        return best;
    }

    private boolean constant(ScalarField f) {
        for (Rational[] p : points.subList(0, Math.min(3, points.size()))) {
            double[] x = new double[p.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = p[i].doubleValue();
            }
            for (double g : f.gradient(x)) {
                if (g != 0) {
                    return false;
                }
            }
        }
        return !points.isEmpty();
    }

    /** {@code ∂F/∂x_i} for every variable, cached by formula. */
    private List<String> gradient(String expression) {
        return gradients.computeIfAbsent(expression, e -> Cas.gradient(e, context.variables()));
    }

    private static String bracket(List<String> f, List<String> g, CanonicalLayout layout) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < layout.positions().size(); i++) {
            int q = layout.positions().get(i);
            int p = layout.momenta().get(i);
            b.append(b.length() == 0 ? "" : "+").append("(").append(f.get(q)).append(")*(").append(g.get(p))
                    .append(")-(").append(f.get(p)).append(")*(").append(g.get(q)).append(")");
        }
        return b.toString();
    }
}
