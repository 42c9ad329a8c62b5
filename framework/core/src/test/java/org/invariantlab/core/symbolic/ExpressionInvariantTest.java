package org.invariantlab.core.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.system.TrueInvariant;
import org.junit.jupiter.api.Test;

class ExpressionInvariantTest {

    private static final List<String> RF = List.of("R", "F");
    private static final List<String> X = List.of("x0", "x1", "x2", "x3");

    /** Central finite differences of the value. */
    private static double[] numericGradient(TrueInvariant inv, double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double h = 1e-6 * Math.max(1, Math.abs(x[i]));
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += h;
            m[i] -= h;
            g[i] = (inv.value(p) - inv.value(m)) / (2 * h);
        }
        return g;
    }

    private static void checkAgainstSymjaAndDifferences(String definition, List<String> variables, long seed) {
        TrueInvariant inv = ExpressionInvariant.parse(definition, variables);
        String expression = definition.substring(definition.indexOf('=') + 1);
        Random random = new Random(seed);
        for (int k = 0; k < 4; k++) {
            double[] x = new double[variables.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = 0.5 + 2 * random.nextDouble();
            }
            double symja = Cas.numericValue(expression, variables, x);
            assertEquals(symja, inv.value(x), 1e-12 * Math.max(1, Math.abs(symja)), definition + " at point " + k);
            double[] g = inv.gradient(x);
            double[] fd = numericGradient(inv, x);
            for (int i = 0; i < x.length; i++) {
                assertEquals(fd[i], g[i], 1e-6 * Math.max(1, Math.abs(fd[i])), definition + " d/d" + variables.get(i));
            }
        }
    }

    @Test
    void valuesMatchSymjaAndGradientsMatchFiniteDifferences() {
        checkAgainstSymjaAndDifferences("P=R*F", RF, 1);
        checkAgainstSymjaAndDifferences("V=0.11*Log(F)+0.04*Log(R)-0.04*F-0.01*R", RF, 2);
        checkAgainstSymjaAndDifferences("I1=x0 - 3*x1*x2 + x3^2/2", X, 3);
        checkAgainstSymjaAndDifferences("I2=3*x0 + 2*Sin(x1) + Sqrt(Abs(x0))*x2^3", X, 4);
        checkAgainstSymjaAndDifferences("T=Exp(-x0)*Cos(x1)+ArcTan(x2)+Tanh(x3)-Pi*Tan(x0/3)+E^x1", X, 5);
    }

    @Test
    void gradientIsExactForAPolynomial() {
        TrueInvariant inv = ExpressionInvariant.parse("I=x0 - 3*x1*x2 + x3^2/2", X);
        double[] g = inv.gradient(new double[] {1, 2, 5, -4});
        assertEquals(1.0, g[0], 0.0);
        assertEquals(-15.0, g[1], 0.0);
        assertEquals(-6.0, g[2], 0.0);
        assertEquals(-4.0, g[3], 0.0);
        assertEquals("I", inv.name());
        assertEquals("x0 - 3*x1*x2 + x3^2/2", inv.expression());
    }

    @Test
    void variablesWithSymjaMeaningsKeepTheirMeaning() {
        TrueInvariant inv = ExpressionInvariant.parse("K=E*Ex+N", List.of("E", "Ex", "N"));
        assertEquals(2 * 3 + 5, inv.value(new double[] {2, 3, 5}), 0.0);
        assertEquals(3.0, inv.gradient(new double[] {2, 3, 5})[0], 0.0);
    }

    @Test
    void hundredThousandEvaluationsTakeWellUnderASecond() {
        TrueInvariant inv = ExpressionInvariant.parse("I=3*x0 + 2*Sin(x1) + Sqrt(Abs(x0))*x2^3", X);
        double[] x = {1.5, 0.3, 0.7, 2.0};
        long start = System.nanoTime();
        double sum = 0;
        for (int k = 0; k < 100_000; k++) {
            x[0] = 1 + k * 1e-6;
            sum += inv.value(x) + inv.gradient(x)[2];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(Double.isFinite(sum));
        assertTrue(seconds < 1.0, "100k values and gradients took " + seconds + " s");
    }

    /** Issue 17, item 17: Symja's words for an infinite value never reach the user. */
    @Test
    void anInfiniteOrUndefinedFormulaIsRefusedInWords() {
        for (String d : List.of("Q=1/0", "Q=x0/(x1-x1)", "Q=0/0+x0")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExpressionInvariant.parse(d, X));
            assertTrue(e.getMessage().contains("infinite or undefined"), d + ": " + e.getMessage());
            assertFalse(e.getMessage().contains("Infinity") || e.getMessage().contains("Indeterminate"), e.getMessage());
        }
    }

    @Test
    void unknownFunctionsSymbolsAndMalformedDefinitionsAreRefusedPlainly() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExpressionInvariant.parse("Q=Foo(x0)+x1", X));
        assertTrue(e.getMessage().contains("unknown function Foo in") || e.getMessage().contains("unknown function Foo;"),
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> ExpressionInvariant.parse("Q=x0+q", X));
        assertTrue(e.getMessage().contains("unknown symbol q"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> ExpressionInvariant.parse("x0+x1", X));
        assertTrue(e.getMessage().contains("write NAME=EXPR"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> ExpressionInvariant.parse("Q=x0+*", X));
        assertTrue(e.getMessage().contains("in truth 'Q=x0+*'"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> ExpressionInvariant.parse("2Q=x0", X));
        assertTrue(e.getMessage().contains("not a plain symbol"), e.getMessage());
    }
}
