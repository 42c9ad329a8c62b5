package org.invariantlab.core.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.math.Linalg;
import org.invariantlab.core.symbolic.Cas;
import org.invariantlab.core.symbolic.Rational;

/**
 * Checks a formula read off a network instead of assuming it right (methods.md §10).
 *
 * <p><b>Exact.</b> An invariant is defined up to an affine map, so a formula {@code F} is exactly right when
 * {@code F = Σ_j a_j I_j + b} for the candidate true invariants {@code I_j} (one for a single reading; several
 * when a network reads several invariants together). The coefficients are fitted by least squares on the given
 * states, each made the simplest rational within {@value #COEFFICIENT_TOLERANCE} relative to the largest, and
 * Symja decides whether {@code F − (Σ_j a_j I_j + b)} is identically 0 ({@link Cas#equivalent}). Only then is the
 * formula exact; its <em>matches</em> are the invariants with {@code a_j ≠ 0}.
 *
 * <p><b>Constant within groups on fresh states.</b> States of groups the network never saw must share the
 * formula's value as they share the invariant's: the within-group spread of {@code F} (mean over groups of its
 * standard deviation in the group over its standard deviation on all states, {@link Scorer#withinGroupSpread})
 * must stay below {@value #SPREAD_FACTOR} times that of the candidate invariants on the same states (the data's
 * own noise), and at least {@value #MIN_SPREAD_LIMIT} (rounding). A formula that is only a Taylor equivalent of
 * an invariant on the training region, e.g. {@code exp(x²)} for {@code 1 + x²}, fails this.
 */
public final class FormulaCheck {

    /** Relative distance within which a fitted coefficient {@code a_j} or {@code b} is rationalised. */
    public static final double COEFFICIENT_TOLERANCE = 1e-6;

    /** Relative size below which a fitted {@code a_j} counts as 0. */
    public static final double ZERO_COEFFICIENT = 1e-8;

    /** The spread limit is at least this (rounding of exact data). */
    public static final double MIN_SPREAD_LIMIT = 1e-6;

    /** The spread limit is this factor times the true invariants' own spread on the same states. */
    public static final double SPREAD_FACTOR = 10;

    /** At most this many fresh states are used. */
    public static final int MAX_STATES = 5000;

    private FormulaCheck() {
    }

    /**
     * What the check found for one formula.
     *
     * @param exact       {@code F} is, symbolically, an affine combination of the candidate invariants
     * @param matches     the invariants with a non-zero coefficient in that combination (empty unless exact)
     * @param combination the combination {@code Σ_j a_j I_j + b} that was compared, in Symja syntax (empty when
     *                    there was no candidate)
     * @param freshSpread within-group spread of {@code F} on the fresh states
     * @param spreadLimit the largest spread an exact formula may have on these states
     */
    public record Result(boolean exact, List<String> matches, String combination, double freshSpread,
                         double spreadLimit) {
        public Result {
            matches = List.copyOf(Objects.requireNonNull(matches, "matches"));
            Objects.requireNonNull(combination, "combination");
        }

        /** The formula stays constant within the fresh groups (NaN spreads, e.g. one state per group, count as yes). */
        public boolean constantOnFreshGroups() {
            return !(freshSpread > spreadLimit);
        }
    }

    /**
     * Checks {@code formula} (Symja syntax {@code expression}, values and gradient from {@code field}).
     *
     * @param expression the formula in Symja syntax over the model's variables
     * @param field      the formula as a function of the state
     * @param model      the system, whose true invariants are the reference
     * @param candidates names of the true invariants the formula may combine (e.g. the matched ones); may be empty
     * @param fresh      groups the network never saw
     */
    public static Result check(String expression, ScalarField field, SystemModel model, List<String> candidates,
                               GroupedData fresh) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(field, "field");
        List<TrueInvariant> invariants = new ArrayList<>();
        for (String name : candidates) {
            invariants.add(model.invariants().stream().filter(i -> i.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " is not an invariant of the system")));
        }
        int members = fresh.perGroup();
        int groups = Math.max(1, Math.min(fresh.groups(), MAX_STATES / Math.max(1, members)));
        int n = groups * members;
        double[] f = new double[n];
        double[][] truth = new double[invariants.size()][n];
        for (int s = 0; s < n; s++) {
            double[] x = fresh.state(s / members, s % members);
            f[s] = field.value(x.clone());
            if (!Double.isFinite(f[s])) {
                throw new InvariantLabException("the formula " + expression + " is not finite at a fresh state "
                        + java.util.Arrays.toString(x) + "; it cannot be an invariant of the data");
            }
            for (int j = 0; j < invariants.size(); j++) {
                truth[j][s] = invariants.get(j).value(x.clone());
            }
        }
        double spread = Scorer.withinGroupSpread(f, groups, members);
        double reference = 0;
        for (double[] t : truth) {
            double s = Scorer.withinGroupSpread(t, groups, members);
            if (Double.isFinite(s)) {
                reference = Math.max(reference, s);
            }
        }
        double limit = Math.max(MIN_SPREAD_LIMIT, SPREAD_FACTOR * reference);
        if (invariants.isEmpty()) {
            return new Result(false, List.of(), "", spread, limit);
        }
        double[] a = affineFit(f, truth);
        double largest = 0;
        for (int j = 0; j < invariants.size(); j++) {
            largest = Math.max(largest, Math.abs(a[j]));
        }
        if (!(largest > 0)) {
            return new Result(false, List.of(), "", spread, limit);
        }
        StringBuilder combination = new StringBuilder();
        List<String> matches = new ArrayList<>();
        for (int j = 0; j < invariants.size(); j++) {
            if (Math.abs(a[j]) < ZERO_COEFFICIENT * largest) {
                continue;
            }
            Rational r = Rational.simplestWithin(a[j], COEFFICIENT_TOLERANCE * Math.abs(a[j]));
            combination.append(combination.length() == 0 ? "" : "+").append('(').append(r).append(")*(")
                    .append(invariants.get(j).expression()).append(')');
            matches.add(invariants.get(j).name());
        }
        double b = a[invariants.size()];
        Rational constant = Rational.simplestWithin(b, COEFFICIENT_TOLERANCE * Math.max(largest, Math.abs(b)));
        if (!constant.isZero()) {
            combination.append("+(").append(constant).append(')');
        }
        List<String> variables = model.stateSpace().variables();
        boolean exact = Cas.equivalent(expression, combination.toString(), variables);
        return new Result(exact, exact ? matches : List.of(), combination.toString(), spread, limit);
    }

    /** Least-squares {@code a} with {@code f ≈ Σ_j a_j truth_j + a_m}, by the normal equations. */
    private static double[] affineFit(double[] f, double[][] truth) {
        int m = truth.length;
        int n = f.length;
        double[][] columns = new double[m + 1][];
        for (int j = 0; j < m; j++) {
            columns[j] = truth[j];
        }
        columns[m] = new double[n];
        java.util.Arrays.fill(columns[m], 1.0);
        double[][] normal = new double[m + 1][m + 1];
        double[] rhs = new double[m + 1];
        for (int p = 0; p <= m; p++) {
            for (int q = 0; q <= m; q++) {
                normal[p][q] = Linalg.dot(columns[p], columns[q]);
            }
            rhs[p] = Linalg.dot(columns[p], f);
        }
        return Linalg.solveSymmetric(normal, rhs);
    }

    /**
     * One line saying what the result means, for logs and tables. This check asks only for an <i>affine</i>
     * combination of the true invariants; a formula such as {@code (p1+p2+p3)^2/2} is a function of one without being
     * affine, so the line says "not affine", never "not exact": whether a formula is a function of the truth is its
     * verdict's to say (verdict "exact").
     */
    public static String describe(Result r) {
        return String.format(Locale.ROOT, "%s; fresh-group spread %.2e (limit %.2e)",
                r.exact() ? "exactly " + r.combination() : "not an affine combination of the true invariants",
                r.freshSpread(), r.spreadLimit());
    }
}
