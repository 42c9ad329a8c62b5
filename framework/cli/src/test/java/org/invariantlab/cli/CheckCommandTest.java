package org.invariantlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code invariantlab check} on the test system {@code circle} (points of a circle under rotations, truth
 * {@code r2 = x² + y²}, no vector field): a function of {@code r2} is exact, a coordinate is not conserved, and the
 * verdicts are written to {@code check.json}; a formula outside the whitelist is one plain line and exit 2.
 */
class CheckCommandTest {

    @TempDir
    static Path tmp;

    private static Path plugins;

    @BeforeAll
    static void plugin() throws IOException {
        plugins = CliRun.circlePlugin(tmp);
    }

    private static CliRun run(String... args) {
        return CliRun.withPlugins(plugins, args);
    }

    @Test
    void functionsOfTheTruthAreExactAndACoordinateIsNotConserved() throws IOException {
        Path out = tmp.resolve("verdicts");
        CliRun r = run("check", "--system", "circle", "x^2+y^2", "-Sqrt(x^2+y^2)", "x", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(2).strip().startsWith("exact: a function of r2"), r.out());
        assertTrue(lines.get(4).strip().startsWith("exact: a function of r2"), "a leading minus is a formula: " + r.out());
        assertTrue(lines.get(6).strip().startsWith("not conserved"), r.out());
        assertTrue(r.out().contains("together: not independent (rank 2 of 3)"), r.out());
        String json = Files.readString(out.resolve("check.json"));
        assertTrue(json.contains("\"verdict\" : \"exact\"") && json.contains("\"verdict\" : \"not conserved\""), json);
    }

    @Test
    void aFormulaOutsideTheWhitelistIsOnePlainLine() {
        CliRun r = run("check", "--system", "circle", "x+Run(\"rm -rf /\")");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().startsWith("error: unknown function Run in formula 'x+Run("), r.err());
        assertEquals(1, r.err().strip().lines().count());
        CliRun none = run("check", "--system", "circle");
        assertEquals(ExitCodes.USAGE, none.code());
    }
}
