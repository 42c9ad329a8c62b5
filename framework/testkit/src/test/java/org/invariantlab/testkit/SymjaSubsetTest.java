package org.invariantlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SymjaSubsetTest {

    private static final List<String> VARS = List.of("x", "y", "vx", "vy");
    private static final double[] STATE = {0.6, -0.8, 0.3, 1.1};
    /** Both sides are a handful of floating-point operations on O(1) numbers: a few ulps at most. */
    private static final double TOLERANCE = 1e-14;

    private static double eval(String expression) {
        return SymjaSubset.parse(expression, VARS).applyAsDouble(STATE);
    }

    @Test
    void precedenceFollowsSymja() {
        assertEquals(-0.36, eval("-x^2"), TOLERANCE, "^ binds tighter than unary minus");
        assertEquals(Math.pow(2, 9), eval("2^3^2"), TOLERANCE, "^ is right-associative");
        assertEquals(0.5, eval("2^-1"), TOLERANCE, "signed exponent");
        assertEquals(1.0, eval("6/3/2"), TOLERANCE, "/ is left-associative");
        assertEquals(2 * 0.6 * -0.8, eval("2 x y"), TOLERANCE, "juxtaposition multiplies");
        assertEquals(2 * 0.6, eval("2x"), TOLERANCE, "number then symbol");
        assertEquals(1.5e-3, eval("1.5E-3"), TOLERANCE, "scientific notation");
    }

    @Test
    void keplerStyleExpressions() {
        double x = STATE[0];
        double y = STATE[1];
        double vx = STATE[2];
        double vy = STATE[3];
        double r = Math.hypot(x, y);
        double l = x * vy - y * vx;
        assertEquals(l, eval("x*vy - y*vx"), TOLERANCE);
        assertEquals((vx * vx + vy * vy) / 2 - 1 / r, eval("(vx^2+vy^2)/2 - 1/Sqrt(x^2+y^2)"), TOLERANCE);
        assertEquals(vy * l - x / r, eval("vy*(x*vy - y*vx) - x/Sqrt(x^2+y^2)"), TOLERANCE);
        assertEquals(1 / (r * r), eval("1/(x^2+y^2)"), TOLERANCE);
        assertEquals(Math.atan2(y, x), eval("ArcTan(x, y)"), TOLERANCE, "Symja's two-argument ArcTan");
        assertEquals(Math.sqrt(2), eval("sqrt[2]"), TOLERANCE, "brackets and lower-case names");
        assertEquals(Math.PI * Math.E, eval("Pi*E"), TOLERANCE);
    }

    @Test
    void unknownSymbolsAreErrorsAndUnknownFunctionsUnsupported() {
        assertThrows(IllegalArgumentException.class, () -> eval("x + z"));
        assertThrows(IllegalArgumentException.class, () -> eval("x +"));
        assertThrows(IllegalArgumentException.class, () -> eval("(x"));
        assertThrows(SymjaSubset.Unsupported.class, () -> eval("BesselJ(0, x)"));
    }
}
