package org.invariantlab.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SystemsCommandIT {

    @Test
    void showsEverySystemWithItsInvariantsAsFormulasAndParameters() {
        Installation.Result r = Installation.run("systems");
        assertEquals(0, r.exitCode(), r.all());
        String out = r.out();
        for (String id : new String[] {"kepler", "kepler-fixed-l", "lorentz", "em", "lotka-volterra", "oscillator-2d"}) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(id + "  (")), "system " + id + " listed:\n" + out);
        }
        assertTrue(out.contains("x*vy - y*vx"), "Kepler's L as a formula:\n" + out);
        assertTrue(out.contains("-t^2 + x^2 + y^2 + z^2"), "Lorentz interval:\n" + out);
        assertTrue(out.contains("Ex*Bx + Ey*By + Ez*Bz"), "E·B:\n" + out);
        assertTrue(out.contains("0.11*Log(F) + 0.04*Log(R) - 0.04*F - 0.01*R"), "Lotka-Volterra's first integral:\n" + out);
        assertTrue(out.contains("variables:   x, y, vx, vy"), out);
        assertTrue(out.contains("orientation"), "Kepler's parameters are listed:\n" + out);
        assertTrue(out.contains("invR"), "Kepler's extra feature 1/r:\n" + out);
        // Calogero-Moser-5's tr(L^5) expands to thousands of characters: cut, with its description, unless --full
        int longest = out.lines().mapToInt(String::length).max().orElse(0);
        assertTrue(longest < 400, "no line of thousands of characters: " + longest);
        assertTrue(out.contains("characters; --full prints it)   (tr(L^5) of the Moser Lax matrix"), out);
        Installation.Result full = Installation.run("systems", "--full");
        assertEquals(0, full.exitCode(), full.all());
        assertTrue(full.out().lines().mapToInt(String::length).max().orElse(0) > 1000, "--full: every expansion whole");
    }
}
