package org.invariantlab.plugins.regression;

import java.util.List;

/**
 * The constants of a tree after the search: refined by a pattern search on the misalignment (the tree's shape comes
 * from evolution, its numbers from local optimisation, as in SymbolicRegression.jl's constant optimisation), then made
 * the simplest fractions that fit as well (within {@value #RATIONAL_FACTOR} of the refined misalignment plus
 * {@value #RATIONAL_SLACK}, the polynomial reader's rule), so that {@code 0.4999} reads as {@code 1/2}.
 */
final class Refinement {

    /** Relative steps of the pattern search, coarse to fine. */
    static final double[] STEPS = {0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 3e-4, 1e-4};

    /** Rounds over all constants per step size. */
    static final int ROUNDS = 6;

    /** A fraction is kept if its misalignment is within this factor of the refined one, plus the slack. */
    static final double RATIONAL_FACTOR = 1.5;

    /** Absolute misalignment rounding may add. */
    static final double RATIONAL_SLACK = 2.5e-5;

    /** Relative tolerances tried for the fractions, coarsest first. */
    static final double[] TOLERANCES = {0.05, 0.02, 0.01, 0.004, 0.001};

    private Refinement() {
    }

    /** Refines {@code e}'s constants in place; returns its misalignment afterwards. */
    static double refine(Expr e, SymbolicRegressionInterpreter.Fitness fitness) {
        List<Expr.Constant> constants = e.constants();
        double delta = fitness.misalignment(e);
        if (constants.isEmpty() || !Double.isFinite(delta)) {
            return delta;
        }
        for (double step : STEPS) {
            for (int round = 0; round < ROUNDS; round++) {
                boolean improved = false;
                for (Expr.Constant c : constants) {
                    double original = c.value;
                    double move = Math.abs(original) > 1e-9 ? step * Math.abs(original) : step;
                    for (double candidate : new double[] {original + move, original - move}) {
                        c.value = candidate;
                        double d = fitness.misalignment(e);
                        if (d < delta) {
                            delta = d;
                            original = candidate;
                            improved = true;
                        }
                    }
                    c.value = original;
                }
                if (!improved) {
                    break;
                }
            }
        }
        return delta;
    }

    /** Makes {@code e}'s constants simple fractions where that fits as well; returns its misalignment afterwards. */
    static double rationalise(Expr e, SymbolicRegressionInterpreter.Fitness fitness, double delta) {
        List<Expr.Constant> constants = e.constants();
        if (constants.isEmpty() || !Double.isFinite(delta)) {
            return delta;
        }
        double[] refined = constants.stream().mapToDouble(c -> c.value).toArray();
        for (double tolerance : TOLERANCES) {
            for (int i = 0; i < refined.length; i++) {
                constants.get(i).value = simplestWithin(refined[i], tolerance);
            }
            double d = fitness.misalignment(e);
            if (d <= RATIONAL_FACTOR * delta + RATIONAL_SLACK) {
                return d;
            }
        }
        for (int i = 0; i < refined.length; i++) {
            constants.get(i).value = refined[i];
        }
        return delta;
    }

    /** The fraction with the smallest denominator within {@code tolerance} relative (at least 10⁻⁹ absolute) of v. */
    static double simplestWithin(double v, double tolerance) {
        double allowed = Math.max(tolerance * Math.abs(v), 1e-9);
        for (int q = 1; q <= 1000; q++) {
            double p = Math.rint(v * q);
            if (Math.abs(p / q - v) <= allowed) {
                return p / q;
            }
        }
        return v;
    }
}
