package org.invariantlab.core.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.system.TrueInvariant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A formula from someone else's file never makes InvariantLab execute anything (issue 17, item 8): our own grammar
 * parses it first against a whitelist with bounds, and the CAS only ever sees our rendering of the parse.
 */
class SafeExpressionTest {

    private static final List<String> VARS = List.of("x", "y", "px", "py");

    /**
     * The formulas of the issue, each refused at once (the bound: a parse of a few thousand characters takes
     * microseconds; 2 s is the margin against a loaded machine, far below the minutes the CAS took).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Table(x,{i,1,10^8})|unknown function Table",
        "Expand((x+y)^200)|unknown function Expand",
        "(x+y)^200|polynomial degree 200",
        "Pause(100)|unknown function Pause",
        "x+0*Export(\"/tmp/pwned\",x)|unknown function Export",
        "x+{1,2}|lists are not formulas",
        "x=1|assignments are not formulas",
        "x_+y|unknown symbol x_",
        "Sin(x,y)|Sin takes 1 argument, not 2",
        "x y|a product needs '*'",
        "2x|'2x' is not a number",
        "x**2|'**' is not a power",
        "q+x|unknown symbol q",
        "ilvar000+x|unknown symbol ilvar000",
        "x+|it ends where a number, a variable or '(' belongs",
        "(x+y|a ')' is missing at the end"})
    void hostileOrMalformedFormulasAreRefusedInOneLineNamingThePart(String formula, String fragment) {
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(
                InvalidInputException.class, () -> SafeExpression.parse(formula, VARS, "truth 'E' (line 12)")));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().contains("in truth 'E' (line 12)") || e.getMessage().startsWith("truth 'E' (line 12)"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertTrue(e.getMessage().length() < 400, e.getMessage());
    }

    @Test
    void sizeAndDepthAreBounded() {
        String deep = "(".repeat(3000) + "x" + ")".repeat(3000);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SafeExpression.parse(deep, VARS, "truth 'E'"));
        assertTrue(e.getMessage().contains("characters long") || e.getMessage().contains("levels deep"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, "no echo of the expression: " + e.getMessage());
        String nested = "Sin(".repeat(100) + "x" + ")".repeat(100);
        e = assertThrows(InvalidInputException.class, () -> SafeExpression.parse(nested, VARS, "truth 'E'"));
        assertTrue(e.getMessage().contains("levels deep"), e.getMessage());
        String many = "x" + "+x".repeat(1500);
        e = assertThrows(InvalidInputException.class, () -> SafeExpression.parse(many, VARS, "truth 'E'"));
        assertTrue(e.getMessage().contains("parts"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> SafeExpression.parse("1" + "0".repeat(60) + "*x", VARS, "t"));
        assertTrue(e.getMessage().contains("more than 40 characters"), e.getMessage());
    }

    /** What physicists write is accepted and means what it says (values checked against Java's own arithmetic). */
    @Test
    void theWhitelistIsEnoughForPhysicsAndKeepsItsMeaning() {
        double[] s = {0.3, -0.7, 1.1, 0.4};
        double x = s[0];
        double y = s[1];
        double px = s[2];
        double py = s[3];
        double r = Math.sqrt(x * x + y * y);
        Object[][] cases = {
            {"H=(px^2+py^2)/2-1/Sqrt(x^2+y^2)", (px * px + py * py) / 2 - 1 / r},
            {"L=x*py-y*px", x * py - y * px},
            {"A=-x^-2+2^-1*y", -1 / (x * x) + 0.5 * y},
            {"B=2^3^2*x", 512 * x},
            {"C=sin[x]+COS(y)+arctan(x,y)", Math.sin(x) + Math.cos(y) + Math.atan2(y, x)},
            {"D=Log(2,px)+Exp(-x)*Abs(y)+1.5e-3*Pi+E*Degree", Math.log(px) / Math.log(2) + Math.exp(-x) * Math.abs(y)
                    + 1.5e-3 * Math.PI + Math.E * Math.PI / 180},
            {"F=(x+y+px+py)^16/1000", Math.pow(x + y + px + py, 16) / 1000}};
        for (Object[] c : cases) {
            TrueInvariant t = ExpressionInvariant.parse((String) c[0], VARS);
            assertEquals((double) c[1], t.field().value(s), 1e-12 * Math.max(1, Math.abs((double) c[1])), (String) c[0]);
        }
    }

    @Test
    void withoutVariablesAnyPlainNameIsAVariableButFunctionsAreStillChecked() {
        SafeExpression.check("a*b-Sqrt(c)", "truth 'Q'");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SafeExpression.check("a+Run(\"rm\")", "truth 'Q'"));
        assertTrue(e.getMessage().contains("unknown function Run"), e.getMessage());
    }
}
