package org.invariantlab.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code count} through the installed launcher, with the real {@code dynamics} and {@code neural-deflation} plugins,
 * at a size that takes seconds: the negative control must come out 0 by both methods, whatever the size (its
 * trajectories spiral in, so any learned function changes along them), and the result folder must be complete.
 */
class CountCommandIT {

    @TempDir
    Path tmp;

    @Test
    void theDampedOscillatorConservesNothingAndTheResultIsWritten() throws IOException {
        Path out = tmp.resolve("control");
        Installation.Result r = Installation.run("count", "--system", "damped-oscillator", "--epochs", "20",
                "--trajectories", "128", "--states-per-trajectory", "8", "--hidden", "32,32", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.all());
        JsonNode c = new ObjectMapper().readTree(out.resolve("count.json").toFile());
        assertEquals("damped-oscillator", c.get("system").asText());
        assertEquals(0, c.get("declared_independent").asInt());
        assertEquals(0, c.get("independent").asInt(), r.out());
        assertEquals(0, c.get("in_involution").asInt(), r.out());
        assertEquals(2, c.get("deflation").size(), "with and without the bracket");
        assertTrue(Files.size(out.resolve("spectrum.png")) > 1000 && Files.size(out.resolve("deflation.png")) > 1000);
        assertTrue(Files.isRegularFile(out.resolve("provenance.json")));
        assertTrue(Files.size(out.resolve("training.png")) > 1000);
        assertTrue(Files.isRegularFile(out.resolve("networks/svd/model.zip")), "the trained networks are kept");
        assertTrue(r.out().contains("counts         independent 0 (deflation without the bracket), in involution 0"),
                r.out());
    }

    @Test
    void aSystemWithoutVectorFieldIsAUsageError() {
        Installation.Result r = Installation.run("count", "--system", "lorentz", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.err().contains("has no vector field"), r.err());
        assertTrue(Files.notExists(tmp.resolve("x")), "nothing written");
    }
}
