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
        assertTrue(r.out().contains("counts         independent 0 (agreed), in involution 0"), r.out());
        assertEquals("agreed", c.get("decision").get("status").asText(), "svd, deflation and the library nullspace: 0");
        assertEquals(2, c.get("methods").size(), "--method all runs the installed counting methods and the orbit "
                + "dimension too");
        assertEquals("library-nullspace", c.get("methods").get(0).get("method").asText());
        // a damped orbit fills its whole plane: the bound is 0, and it is printed as a bound, not a count
        assertEquals("orbit-dimension", c.get("methods").get(1).get("method").asText());
        assertEquals(0, c.get("methods").get(1).get("count").asInt(), r.out());
        assertTrue(r.out().contains("orbit-dimension at most 0 conserved"), r.out());
    }

    @Test
    void aSystemWithoutVectorFieldIsAUsageError() {
        Installation.Result r = Installation.run("count", "--system", "lorentz", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.err().contains("has no vector field"), r.err());
        assertTrue(Files.notExists(tmp.resolve("x")), "nothing written");
    }

    /**
     * Measured trajectories through the launcher: a CSV of isotropic-oscillator trajectories with time stamps and the
     * (q, p) pairs named, so both deflation variants run; the result records where the states came from.
     */
    @Test
    void measuredTrajectoriesWithTimesAreCountedFromTheFile() throws IOException {
        StringBuilder csv = new StringBuilder("trajectory,t,x,y,px,py\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int g = 0; g < 60; g++) {
            double ax = random.nextDouble(0.2, 1);
            double ay = random.nextDouble(0.2, 1);
            double fx = random.nextDouble(0, 6.3);
            double fy = random.nextDouble(0, 6.3);
            for (int j = 0; j < 12; j++) {
                double t = 0.15 * j;
                csv.append(String.format(java.util.Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g,%.17g%n", g, t,
                        ax * Math.cos(t + fx), ay * Math.cos(t + fy), -ax * Math.sin(t + fx), -ay * Math.sin(t + fy)));
            }
        }
        Path file = tmp.resolve("orbits.csv");
        Files.writeString(file, csv);
        Path out = tmp.resolve("from-file");
        Installation.Result r = Installation.run("count", "--data", file.toString(), "--group-column", "trajectory",
                "--time-column", "t", "--canonical", "x,y:px,py", "--method", "deflation", "--max", "2", "--epochs", "10",
                "--hidden", "16,16", "--truth", "Ex=(x^2+px^2)/2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.all());
        JsonNode c = new ObjectMapper().readTree(out.resolve("count.json").toFile());
        assertEquals("file", c.get("source").get("kind").asText());
        assertEquals(720, c.get("source").get("states").asInt());
        assertTrue(c.get("source").get("median_turn_degrees").asDouble() < 15, c.toString());
        assertEquals(2, c.get("deflation").size(), "with the bracket (--canonical) and without");
        assertTrue(r.out().contains("directions of motion by finite differences"), r.out());
        String provenance = Files.readString(out.resolve("provenance.json"));
        assertTrue(provenance.contains("orbits.csv") && provenance.contains("sha256:"), provenance);
    }

    /**
     * Unordered snapshots through the launcher (issue 19): a CSV of isotropic-oscillator orbits at random times and no
     * time column. The library nullspace reads the three conserved quantities from the trajectories, the orbit
     * dimension sees closed curves (4 − 1 = 3), and the count is certified; svd, which needs directions, is refused.
     * A few seconds: no network is trained.
     */
    @Test
    void unorderedSnapshotsAreCountedWithoutTimeStamps() throws IOException {
        StringBuilder csv = new StringBuilder("trajectory,x,y,px,py\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        for (int g = 0; g < 40; g++) {
            double ax = random.nextDouble(0.2, 1);
            double ay = random.nextDouble(0.2, 1);
            double fx = random.nextDouble(0, 6.3);
            double fy = random.nextDouble(0, 6.3);
            for (int j = 0; j < 100; j++) {
                double t = random.nextDouble(0, 50);
                csv.append(String.format(java.util.Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g%n", g,
                        ax * Math.cos(t + fx), ay * Math.cos(t + fy), -ax * Math.sin(t + fx), -ay * Math.sin(t + fy)));
            }
        }
        Path file = tmp.resolve("snapshots.csv");
        Files.writeString(file, csv);
        Path out = tmp.resolve("snapshots");
        Installation.Result r = Installation.run("count", "--data", file.toString(), "--group-column", "trajectory",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.all());
        JsonNode c = new ObjectMapper().readTree(out.resolve("count.json").toFile());
        assertEquals("snapshots", c.get("source").get("kind").asText());
        assertEquals(3, c.get("independent").asInt(), r.out());
        assertEquals("certified", c.get("decision").get("status").asText(), r.out());
        assertEquals(2, c.get("methods").size(), "library-nullspace and orbit-dimension: " + r.out());
        assertEquals(0, c.get("deflation").size(), "no directions, no networks");
        Installation.Result svd = Installation.run("count", "--data", file.toString(), "--group-column", "trajectory",
                "--method", "svd", "--out", tmp.resolve("refused").toString());
        assertEquals(2, svd.exitCode(), svd.all());
        assertTrue(svd.err().contains("has no time stamps, so no directions of motion, which method svd needs"),
                svd.err());
        assertTrue(Files.notExists(tmp.resolve("refused")), "nothing written");
    }

    /**
     * The formulas a count prints for one deflation variant are functionally independent: the reader never keeps a
     * function of the formulas it already has, and polishing coefficients on the trajectories must not fold one onto
     * another. Before the fix, the isotropic oscillator (default sizes, seed 1) printed {@code y^2+py^2} twice without
     * the bracket ("not independent (rank 2 of 3)"). About 20 s.
     */
    @Test
    void theCountedFormulasOfTheIsotropicOscillatorAreIndependent() throws IOException {
        Path out = tmp.resolve("oscillator");
        Installation.Result r = Installation.run("count", "--system", "oscillator-2d", "--method", "deflation",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.all());
        JsonNode c = new ObjectMapper().readTree(out.resolve("count.json").toFile());
        for (JsonNode d : c.get("deflation")) {
            JsonNode set = d.get("formula_set");
            if (set != null && !set.isNull()) {
                assertTrue(set.get("independent").asBoolean(), "bracket " + d.get("bracket") + ": " + set
                        + " " + d.get("formulas"));
            }
        }
        assertEquals(3, c.get("independent").asInt(), "Ex, Ey and L (K depends on them): " + r.out());
    }
}
