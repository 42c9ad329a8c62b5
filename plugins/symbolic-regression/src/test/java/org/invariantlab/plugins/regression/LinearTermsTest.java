package org.invariantlab.plugins.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The closed-form weights of a sum's terms: planted weights of Ha &amp; Jeong's S1 invariant are recovered from the
 * terms alone, a tree that is not a sum is left to evolution, and the small eigen-solver agrees with the definition.
 */
class LinearTermsTest {

    /** Central differences in double precision leave relative errors near 10⁻⁹ in a gradient (h = 10⁻⁶). */
    private static final double FD_TOL = 1e-6;

    private static Expr v(int i) {
        return new Expr.Variable(i);
    }

    private static Expr call(String op, Expr... args) {
        return new Expr.Call(op, args);
    }

    /** States in a box and the unit gradient direction of {@code atan(invariant)} (what a network learns). */
    private static double[][][] data(ToDoubleFunction<double[]> invariant, int n, int d, long seed) {
        Random r = new Random(seed);
        double[][] states = new double[n][d];
        double[][] directions = new double[n][];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                states[i][j] = 4 * r.nextDouble() - 2;
            }
            double[] g = SymbolicRegressionInterpreter.centralGradient(x -> Math.atan(invariant.applyAsDouble(x)),
                    states[i]);
            double norm = SymbolicRegressionInterpreter.norm(g);
            for (int j = 0; j < d; j++) {
                g[j] /= norm;
            }
            directions[i] = g;
        }
        return new double[][][] {states, directions};
    }

    @Test
    void theWeightsOfS1AreFoundFromItsTermsAlone() {
        // C = x0 − 3 x1 x2 + x3²/2, offered as the unweighted sum x0 + x1 x2 + x3²
        double[][][] sd = data(x -> x[0] - 3 * x[1] * x[2] + x[3] * x[3] / 2, 100, 4, 3);
        Expr tree = call("add", call("add", v(0), call("mul", v(1), v(2))), call("sqr", v(3)));
        LinearTerms.Fit fit = LinearTerms.fit(tree, sd[0], sd[1]);
        assertNotNull(fit);
        assertTrue(fit.delta() < FD_TOL, "misalignment " + fit.delta());
        List<Expr.Constant> w = fit.expr().constants();
        assertEquals(3, w.size());
        // up to an overall factor: weights proportional to (1, −3, 1/2); the largest is 1
        assertEquals(-3, w.get(1).value / w.get(0).value, FD_TOL * 10);
        assertEquals(0.5, w.get(2).value / w.get(0).value, FD_TOL * 10);
        assertEquals(1, Math.abs(w.get(1).value), 0, "the largest weight is one");
        // and the plain tree was far from it
        assertTrue(new SymbolicRegressionInterpreter.Fitness(sd[0], sd[1]).misalignment(tree) > 0.05);
    }

    @Test
    void aTreeThatIsNotASumIsLeftAsWritten() {
        double[][][] sd = data(x -> x[0] * x[1], 50, 2, 4);
        assertNull(LinearTerms.fit(call("mul", v(0), v(1)), sd[0], sd[1]));
        // a sum whose only variable term is one: nothing to weigh
        assertNull(LinearTerms.fit(call("add", call("mul", v(0), v(1)), new Expr.Constant(2)), sd[0], sd[1]));
        // a sum already right as written is kept as written
        assertNull(LinearTerms.fit(call("add", v(0), v(1)), data(x -> x[0] + x[1], 50, 2, 5)[0],
                data(x -> x[0] + x[1], 50, 2, 5)[1]));
    }

    @Test
    void theEigenSolverMeetsItsDefinition() {
        double[][] m = {{4, 1, -2, 0.5}, {1, 3, 0, 1}, {-2, 0, 5, -1}, {0.5, 1, -1, 2}};
        LinearTerms.Eigen e = LinearTerms.Eigen.of(m);
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 4; r++) {
                double mv = 0;
                for (int k = 0; k < 4; k++) {
                    mv += m[r][k] * e.vectors()[k][c];
                }
                assertEquals(e.values()[c] * e.vectors()[r][c], mv, 1e-12, "M v = λ v");
            }
            if (c > 0) {
                assertTrue(e.values()[c] >= e.values()[c - 1], "ascending");
            }
        }
        assertEquals(4 + 3 + 5 + 2, e.values()[0] + e.values()[1] + e.values()[2] + e.values()[3], 1e-12, "trace");
    }
}
