package org.invariantlab.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandIT {

    /** The analytic Kepler solution conserves L to ~1e-15 relative; the CSV round-trips doubles exactly. */
    private static final double CONSERVATION_TOL = 1e-9;

    @TempDir
    Path tmp;

    @Test
    void writesGroupsWhoseInvariantsAreConstantWithProvenance() throws IOException {
        Path csv = tmp.resolve("kepler.csv");
        Installation.Result r = Installation.run("sample", "kepler", "--groups", "6", "--per-group", "5", "--seed", "11",
                "--out", csv.toString());
        assertEquals(0, r.exitCode(), r.all());
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertEquals(List.of("group", "member", "x", "y", "vx", "vy"), header.subList(0, 6));
        assertTrue(header.contains("L") && header.contains("E"), header.toString());
        assertEquals(1 + 30, lines.size());
        int iL = header.indexOf("L");
        for (int g = 0; g < 6; g++) {
            double l0 = Double.parseDouble(lines.get(1 + 5 * g).split(",")[iL]);
            for (int m = 0; m < 5; m++) {
                String[] f = lines.get(1 + 5 * g + m).split(",");
                double x = Double.parseDouble(f[2]);
                double y = Double.parseDouble(f[3]);
                double vx = Double.parseDouble(f[4]);
                double vy = Double.parseDouble(f[5]);
                double l = x * vy - y * vx;
                assertEquals(l0, l, CONSERVATION_TOL * Math.max(1, Math.abs(l0)), "L recomputed from the state, group " + g);
            }
        }
        String meta = Files.readString(tmp.resolve("kepler.csv.provenance.json"));
        assertTrue(meta.contains("\"seed\" : 11") && meta.contains("\"origin\" : \"kepler\"")
                && meta.contains("orientation"), meta);
    }

    @Test
    void sameSeedSameBytesAndNoSilentOverwrite() throws IOException {
        Path a = tmp.resolve("a.csv");
        Path b = tmp.resolve("b.csv");
        assertEquals(0, Installation.run("sample", "lorentz", "--groups", "20", "--seed", "3", "--out", a.toString()).exitCode());
        assertEquals(0, Installation.run("sample", "lorentz", "--groups", "20", "--seed", "3", "--out", b.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));

        byte[] before = Files.readAllBytes(a);
        Installation.Result again = Installation.run("sample", "lorentz", "--groups", "5", "--seed", "4", "--out", a.toString());
        assertEquals(2, again.exitCode(), again.all());
        assertTrue(again.err().contains("already exists") && again.err().contains("--force"), again.err());
        assertArrayEquals(before, Files.readAllBytes(a), "existing result untouched");

        Installation.Result forced = Installation.run("sample", "lorentz", "--groups", "5", "--seed", "4", "--out",
                a.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.all());
        assertEquals(1 + 10, Files.readAllLines(a).size());
    }

    @Test
    void parametersReachTheSystem() throws IOException {
        Path csv = tmp.resolve("fixed.csv");
        Installation.Result r = Installation.run("sample", "kepler-fixed-l", "--param", "L=0.8", "--groups", "4",
                "--per-group", "3", "--out", csv.toString());
        assertEquals(0, r.exitCode(), r.all());
        List<String> lines = Files.readAllLines(csv);
        int iL = Arrays.asList(lines.get(0).split(",")).indexOf("L");
        for (String line : lines.subList(1, lines.size())) {
            assertEquals(0.8, Math.abs(Double.parseDouble(line.split(",")[iL])), 1e-9, "every orbit has |L| = 0.8");
        }
    }

    @Test
    void badInputGetsAClearMessageAndTheRightExitCode() {
        Path out = tmp.resolve("x.csv");
        Installation.Result unknown = Installation.run("sample", "keplr", "--out", out.toString());
        assertEquals(2, unknown.exitCode(), unknown.all());
        assertTrue(unknown.err().contains("keplr") && unknown.err().contains("kepler"), "names the id and suggests:\n" + unknown.err());

        Installation.Result badParam = Installation.run("sample", "kepler", "--param", "orientation=sideways", "--out", out.toString());
        assertEquals(2, badParam.exitCode(), badParam.all());
        assertTrue(badParam.err().contains("orientation"), badParam.err());

        Installation.Result unknownParam = Installation.run("sample", "lorentz", "--param", "nonsense=1", "--out", out.toString());
        assertEquals(2, unknownParam.exitCode(), unknownParam.all());
        assertTrue(unknownParam.err().contains("nonsense"), unknownParam.err());

        Installation.Result typo = Installation.run("sample", "kepler", "--groupz", "3", "--out", out.toString());
        assertEquals(2, typo.exitCode(), typo.all());
        assertTrue(typo.err().contains("--groups"), "suggests the right option:\n" + typo.err());

        Installation.Result zero = Installation.run("sample", "kepler", "--groups", "0", "--out", out.toString());
        assertEquals(2, zero.exitCode(), zero.all());
        assertTrue(zero.err().contains("groups"), zero.err());

        Installation.Result noOut = Installation.run("sample", "kepler");
        assertEquals(2, noOut.exitCode(), noOut.all());

        for (Installation.Result r : List.of(unknown, badParam, unknownParam, zero)) {
            assertFalse(r.err().contains("\tat "), "no stack trace without --verbose:\n" + r.err());
        }
        assertFalse(Files.exists(out), "nothing written on error");
    }

    /**
     * {@code sample --trajectories}: the file the user could not make, counted as the README's tour counts it.
     * The shipped example, written by the same command, is byte-for-byte what the command writes today, and
     * {@code count} certifies its three independent quantities (the isotropic oscillator: Ex, Ey and L).
     */
    @Test
    void writesTimeStampedTrajectoriesThatCountReads() throws IOException {
        Path csv = tmp.resolve("oscillator-2d-orbits.csv");
        Installation.Result r = Installation.run("sample", "oscillator-2d", "--trajectories", "--groups", "40",
                "--per-group", "50", "--seed", "1", "--out", csv.toString());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("the integration conserves them"), r.out());
        Path shipped = Installation.home().resolve("examples/data/oscillator-2d-orbits.csv");
        assertArrayEquals(Files.readAllBytes(shipped), Files.readAllBytes(csv),
                "the example under examples/data is what 'sample --trajectories' writes (same seed, same bytes)");
        assertEquals("trajectory,t,x,y,px,py,Ex,Ey,L,K", Files.readAllLines(csv).get(0));

        Installation.Result count = Installation.run("count", "--data", shipped.toString(), "--group-column",
                "trajectory", "--time-column", "t", "--canonical", "x,y:px,py", "--out", tmp.resolve("c").toString());
        assertEquals(0, count.exitCode(), count.all());
        assertTrue(count.out().contains("independent 3 (certified)"), count.out());

        Installation.Result lorentz = Installation.run("sample", "lorentz", "--trajectories", "--out",
                tmp.resolve("l.csv").toString());
        assertEquals(2, lorentz.exitCode(), lorentz.all());
        assertTrue(lorentz.err().startsWith("error: system 'lorentz' has no vector field h(x)"), lorentz.err());
        assertFalse(Files.exists(tmp.resolve("l.csv")));
    }
}
