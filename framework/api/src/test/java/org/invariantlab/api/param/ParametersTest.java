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
        assertEquals("[-10.0, 0.0]", specs.get(0).domain());
        assertEquals("[1, 100]", specs.get(1).domain());
        assertEquals("fixed|random", specs.get(3).domain());
    }
}
