package org.invariantlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.invariantlab.api.system.ScalarField;
import org.junit.jupiter.api.Test;

class FiniteDifferencesTest {

    /**
     * Central differences with h = 1e-6·max(1,|x|) on these smooth functions: truncation h²|f'''|/6 ≲ 1e-11
     * and rounding ε|f|/h ≲ 1e-9 for |f| ≲ 10, so 1e-8 absolute is a safe bound.
     */
    private static final double TOLERANCE = 1e-8;

    @Test
    void gradientOfAKnownFunction() {
        // f = x0^2 x1 + sin(x2) + 1/sqrt(x0^2 + x1^2)
        ScalarField f = new ScalarField() {
            @Override
            public double value(double[] x) {
                return x[0] * x[0] * x[1] + Math.sin(x[2]) + 1 / Math.hypot(x[0], x[1]);
            }

            @Override
            public double[] gradient(double[] x) {
                double r3 = Math.pow(Math.hypot(x[0], x[1]), 3);
                return new double[] {2 * x[0] * x[1] - x[0] / r3, x[0] * x[0] - x[1] / r3, Math.cos(x[2])};
            }
        };
        double[] x = {1.3, -0.7, 2.1};
        double[] numeric = FiniteDifferences.gradient(f, x);
        double[] exact = f.gradient(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(exact[i], numeric[i], TOLERANCE, "component " + i);
        }
        assertEquals(1.3, x[0], 0.0, "the point must not be modified");
    }

    @Test
    void stepScalesWithTheStateAndIsExactlyRepresentable() {
        double h = FiniteDifferences.step(1000.0, 1e-6);
        // rounding x + h to a double moves h by at most half an ulp of x (about 5.7e-14 at x = 1000)
        assertEquals(1e-3, h, Math.ulp(1000.0), "step for |x| = 1000");
        assertEquals(h, (1000.0 + h) - 1000.0, 0.0, "x + h − x must equal h exactly");
        assertEquals(1e-6, FiniteDifferences.step(0.0, 1e-6), 0.0, "step near zero uses scale 1");
    }

    @Test
    void rejectsNonPositiveStep() {
        assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.gradient(x -> x[0], new double[] {1}, 0));
    }
}
