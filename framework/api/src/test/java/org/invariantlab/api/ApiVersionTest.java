package org.invariantlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The compatibility policy: {@code 0.Y} is a line of its own, {@code X ≥ 1} a line per major version. */
class ApiVersionTest {

    @Test
    void theApiVersionIsTheProjectVersionAndItsRangeIsItsLine() {
        assertTrue(ApiVersion.current().matches("\\d+\\.\\d+\\.\\d+.*"), ApiVersion.current());
        assertEquals(ApiVersion.compatibleRange(ApiVersion.current()), ApiVersion.compatibleRange());
        assertEquals(Optional.of(ApiVersion.current().replaceAll("^(\\d+\\.\\d+)\\.\\d+.*", "$1.0")),
                ApiVersion.builtAgainst(ApiVersion.compatibleRange()));
    }

    @Test
    void zeroMinorVersionsAreLinesOfTheirOwn() {
        assertEquals(">=0.2.0 & <0.3.0", ApiVersion.compatibleRange("0.2.0"));
        assertEquals(">=0.2.0 & <0.3.0", ApiVersion.compatibleRange("0.2.7"));
        assertEquals(">=1.4.0 & <2.0.0", ApiVersion.compatibleRange("1.4.2"));
        assertEquals("0.2", ApiVersion.line("0.2.5"));
        assertEquals("1", ApiVersion.line("1.9.0"));
        assertTrue(ApiVersion.compatible("0.2.0", "0.2.3"));
        assertFalse(ApiVersion.compatible("0.1.0", "0.2.0"), "0.1 → 0.2 may break");
        assertFalse(ApiVersion.compatible("0.2.3", "0.2.0"), "built against a newer patch than the host");
        assertTrue(ApiVersion.compatible("1.0.0", "1.7.2"));
        assertFalse(ApiVersion.compatible("1.7.2", "2.0.0"));
    }

    @Test
    void theLowerBoundOfPluginRequiresIsTheApiThePluginWasBuiltAgainst() {
        assertEquals(Optional.of("0.1.0"), ApiVersion.builtAgainst(">=0.1.0 & <1.0.0"));
        assertEquals(Optional.of("0.2.0"), ApiVersion.builtAgainst(">=0.2.0 & <0.3.0"));
        assertEquals(Optional.of("0.2.1"), ApiVersion.builtAgainst("0.2.1"));
        assertEquals(Optional.of("1.2.0"), ApiVersion.builtAgainst("^1.2.0"));
        assertEquals(Optional.of("0.3.0"), ApiVersion.builtAgainst("<1.0.0 & >=0.3.0"));
        assertEquals(Optional.of("0.1.0"), ApiVersion.builtAgainst(">=0.2.0 | >=0.1.0"), "the lowest lower bound");
        assertEquals(Optional.empty(), ApiVersion.builtAgainst("*"));
        assertEquals(Optional.empty(), ApiVersion.builtAgainst("<1.0.0"));
        assertEquals(Optional.empty(), ApiVersion.builtAgainst(null));
        assertThrows(IllegalArgumentException.class, () -> ApiVersion.compatibleRange("soon"));
    }
}
