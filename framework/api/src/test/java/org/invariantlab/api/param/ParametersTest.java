package org.invariantlab.api.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

    private final List<ParameterSpec> specs = List.of(
            ParameterSpec.real("eMin", -1.0, -10.0, 0.0, "lowest energy"),
            ParameterSpec.integer("steps", 10, 1L, 100L, "steps"),
            ParameterSpec.bool("wrap", false, "wrap around"),
            ParameterSpec.choice("orientation", "fixed", List.of("fixed", "random"), "orbit orientation"));

    @Test
    void defaultsResolveToTypedValues() {
        Parameters p = Parameters.resolve("demo", specs, Map.of());
        assertEquals(-1.0, p.getDouble("eMin"));
        assertEquals(10, p.getInt("steps"));
        assertEquals(false, p.getBoolean("wrap"));
        assertEquals("fixed", p.getString("orientation"));
        assertEquals(List.of("eMin", "steps", "wrap", "orientation"), List.copyOf(p.asText().keySet()));
    }

    @Test
    void overridesReplaceDefaults() {
        Parameters p = Parameters.resolve("demo", specs, Map.of("eMin", "-0.5", "orientation", "random", "wrap", "TRUE"));
        assertEquals(-0.5, p.getDouble("eMin"));
        assertEquals("random", p.getString("orientation"));
        assertTrue(p.getBoolean("wrap"));
    }

    @Test
    void unknownParameterIsNamedWithTheKnownOnes() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Parameters.resolve("demo", specs, Map.of("emin", "1")));
        assertEquals("emin", e.parameter());
        assertTrue(e.getMessage().contains("'demo' has no parameter 'emin'"), e.getMessage());
        assertTrue(e.getMessage().contains("eMin"), e.getMessage());
    }

    @Test
    void malformedAndOutOfRangeValuesNameTheParameter() {
        InvalidParameterException notNumber = assertThrows(InvalidParameterException.class,
                () -> Parameters.resolve("demo", specs, Map.of("eMin", "abc")));
        assertEquals("eMin", notNumber.parameter());
        assertTrue(notNumber.getMessage().contains("real number"), notNumber.getMessage());

        InvalidParameterException outOfRange = assertThrows(InvalidParameterException.class,
                () -> Parameters.resolve("demo", specs, Map.of("steps", "1000")));
        assertEquals("steps", outOfRange.parameter());
        assertTrue(outOfRange.getMessage().contains("outside its range"), outOfRange.getMessage());

        assertThrows(InvalidParameterException.class, () -> Parameters.resolve("demo", specs, Map.of("eMin", "NaN")));
        assertThrows(InvalidParameterException.class, () -> Parameters.resolve("demo", specs, Map.of("wrap", "yes")));
        InvalidParameterException choice = assertThrows(InvalidParameterException.class,
                () -> Parameters.resolve("demo", specs, Map.of("orientation", "sideways")));
        assertTrue(choice.getMessage().contains("fixed, random"), choice.getMessage());
    }

    @Test
    void declarationsWithIllegalDefaultsAreRejected() {
        assertThrows(InvalidParameterException.class, () -> ParameterSpec.real("a", 5.0, 0.0, 1.0, "out of its own range"));
        assertThrows(IllegalArgumentException.class, () -> ParameterSpec.choice("c", "x", List.of(), "no choices"));
        assertThrows(IllegalArgumentException.class, () -> ParameterSpec.real("b", 0.5, 1.0, 0.0, "min above max"));
    }

    @Test
    void domainIsReadable() {
        assertEquals("[-10, 0]", specs.get(0).domain());
        assertEquals("[1, 100]", specs.get(1).domain());
        assertEquals("fixed|random", specs.get(3).domain());
    }

    @Test
    void openEndsExcludeTheirLimitAndShowAsParentheses() {
        ParameterSpec e = ParameterSpec.realIn("E", 0.1, Bound.above(0), Bound.below(1.0 / 6), "energy");
        assertEquals("(0, 1/6)", e.domain());
        assertEquals(0.1, e.parse("0.1"));
        assertEquals(1e-12, e.parse("1e-12"));
        InvalidParameterException zero = assertThrows(InvalidParameterException.class, () -> e.parse("0"));
        assertEquals("parameter 'E' = 0 is outside its range (0, 1/6): it must be greater than 0", zero.getMessage());
        InvalidParameterException sixth = assertThrows(InvalidParameterException.class,
                () -> e.parse(Double.toString(1.0 / 6)));
        assertTrue(sixth.getMessage().endsWith("it must be less than 1/6"), sixth.getMessage());

        ParameterSpec closed = ParameterSpec.integerIn("n", 2, Bound.atLeast(1), Bound.atMost(4), "count");
        assertEquals("[1, 4]", closed.domain());
        assertEquals(4L, closed.parse("4"));
        ParameterSpec tMax = ParameterSpec.realIn("tMax", 10, Bound.above(0), null, "time");
        assertEquals("(0, inf)", tMax.domain());
        assertEquals(java.util.Optional.of(Bound.above(0)), tMax.lowerBound());
        assertTrue(tMax.upperBound().isEmpty());
        assertThrows(InvalidParameterException.class, () -> tMax.parse("-0.0"));
        // an open end that leaves nothing, or a default on the excluded limit, is a declaration error
        assertThrows(IllegalArgumentException.class,
                () -> ParameterSpec.realIn("x", 1, Bound.above(1), Bound.atMost(1), "empty"));
        assertThrows(InvalidParameterException.class, () -> ParameterSpec.realIn("y", 0, Bound.above(0), null, "default on the limit"));
    }

    @Test
    void closedFactoriesAndTheSevenArgumentConstructorKeepClosedEnds() {
        ParameterSpec old = new ParameterSpec("a", ParameterType.REAL, "0.0", "d", 0.0, 1.0, List.of());
        assertEquals("[0, 1]", old.domain());
        assertEquals(0.0, old.parse("0"));
        assertEquals(ParameterSpec.real("a", 0, 0.0, 1.0, "d"), old);
    }

    @Test
    void aLongValueIsQuotedOnlyAsAShortExcerpt() {
        String huge = "x".repeat(5000);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Parameters.resolve("demo", specs, Map.of("eMin", huge)));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertTrue(e.getMessage().contains("..."), e.getMessage());
        assertTrue(e instanceof org.invariantlab.api.InvalidInputException, "a usage error");
    }
}
