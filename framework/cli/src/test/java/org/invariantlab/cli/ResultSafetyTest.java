package org.invariantlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Honest exit codes and safe output folders, through the command line in-process with a test system packed as
 * a real plugin: a run that learned nothing exits 3, {@code --force} never deletes a folder of something else,
 * a run too large for the memory and a bad sample path are refused before any work (exit 2).
 */
class ResultSafetyTest {

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

    private static String[] small(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("run", "--system", "circle", "--train-groups", "1500",
                "--validation-groups", "300", "--test-groups", "500", "--hidden", "32,32", "--epochs", "3",
                "--batch-size", "64", "--seed", "5", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void aRunThatLearnedNothingExitsThreeAndSaysWhatToChange() throws IOException {
        Path out = tmp.resolve("lr30");
        CliRun r = run(small(out, "--learning-rate", "30"));
        assertEquals(ExitCodes.FAILED_TO_LEARN, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("failed_to_learn") && r.out().contains("--learning-rate"), r.out());
        assertFalse(r.out().contains("alignment "), "no alignment claimed for a run that learned nothing: " + r.out());
        assertTrue(Files.readString(out.resolve("metrics.json")).contains("\"matched_invariants\" : [ ]"));
    }

    @Test
    void forceRefusesAFolderOfTheUsersFilesAndKeepsIt() throws IOException {
        Path notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notes.resolve("thesis.txt"), "years of work");
        CliRun r = run(small(notes, "--force"));
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("not an InvariantLab run result"), r.err());
        assertEquals("years of work", Files.readString(notes.resolve("thesis.txt")));
        assertEquals(1, Files.list(notes).count());
        assertFalse(r.out().contains("training"), "refused before any work: " + r.out());

        CliRun reproduce = run("reproduce", "wetzel2020", "--quick", "--force", "--out", notes.toString());
        assertEquals(ExitCodes.USAGE, reproduce.code(), reproduce.err());
        assertEquals("years of work", Files.readString(notes.resolve("thesis.txt")));
    }

    @Test
    void aRunTooLargeForTheMemoryIsRefusedAtOnce() {
        Path out = tmp.resolve("huge");
        CliRun r = run("run", "--system", "circle", "--train-groups", "400000000", "--out", out.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: this run needs about") && r.err().contains("JAVA_OPTS=-Xmx"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void sampleChecksItsOutputBeforeSampling() throws IOException {
        CliRun missing = run("sample", "circle", "--out", tmp.resolve("no/such/folder/c.csv").toString());
        assertEquals(ExitCodes.USAGE, missing.code(), missing.err());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        Path dir = Files.createDirectories(tmp.resolve("a-folder.csv"));
        CliRun isDir = run("sample", "circle", "--out", dir.toString());
        assertEquals(ExitCodes.USAGE, isDir.code(), isDir.err());
        assertTrue(isDir.err().contains("is a folder; give a file name"), isDir.err());

        Path csv = tmp.resolve("c.csv");
        assertEquals(ExitCodes.OK, run("sample", "circle", "--groups", "5", "--out", csv.toString()).code());
        CliRun exists = run("sample", "circle", "--groups", "5", "--out", csv.toString());
        assertEquals(ExitCodes.USAGE, exists.code(), exists.err());
        assertTrue(exists.err().contains("--force"), exists.err());
        assertEquals(ExitCodes.OK, run("sample", "circle", "--groups", "6", "--force", "--out", csv.toString()).code(),
                "an earlier sample may be replaced");
        assertEquals(1 + 6 * 2, Files.readAllLines(csv).size(), "header and 6 groups × 2 states");

        Path letter = Files.writeString(tmp.resolve("letter.csv"), "Dear reader,\n");
        CliRun notOurs = run("sample", "circle", "--force", "--out", letter.toString());
        assertEquals(ExitCodes.USAGE, notOurs.code(), notOurs.err());
        assertEquals("Dear reader,\n", Files.readString(letter));
    }

    /** Issue 17, item 15: divergence before any finite epoch is a run that learned nothing: exit 3, as documented. */
    @Test
    void divergenceBeforeAnyFiniteEpochExitsThree() {
        Path out = tmp.resolve("lr1e30");
        CliRun r = run(small(out, "--learning-rate", "1e30"));
        assertEquals(ExitCodes.FAILED_TO_LEARN, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("diverged"), r.err());
        assertFalse(Files.exists(out), "nothing half-written");
    }

    private static Path circleData(String name) throws IOException {
        StringBuilder csv = new StringBuilder("group,x,y\n");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int g = 0; g < 2000; g++) {
            double radius = 0.5 + rng.nextDouble();
            for (int m = 0; m < 2; m++) {
                double phi = 2 * Math.PI * rng.nextDouble();
                csv.append(g).append(',').append(radius * Math.cos(phi)).append(',').append(radius * Math.sin(phi))
                        .append('\n');
            }
        }
        return Files.writeString(tmp.resolve(name), csv);
    }

    /**
     * Issue 17, items 3, 12 and 13: --force keeps the user's notes; {@code read} refuses a run whose data file
     * changed, whose model no longer fits its spec, or that learned nothing; a result's spec names its data by an
     * absolute path.
     */
    @Test
    void readChecksTheRunAndItsDataBeforeReading() throws IOException {
        Path data = circleData("circles.csv");
        Path out = tmp.resolve("from-data");
        String[] args = {"run", "--data", data.toString(), "--hidden", "32,32", "--epochs", "8", "--batch-size", "64",
            "--seed", "5", "--out", out.toString()};
        assertEquals(ExitCodes.OK, run(args).code());
        assertTrue(Files.readString(out.resolve("spec.yaml")).contains("path: " + data.toAbsolutePath().normalize()),
                "the data path is stored absolute");
        Files.writeString(out.resolve("notes.txt"), "what I saw");
        List<String> again = new ArrayList<>(List.of(args));
        again.add("--force");
        assertEquals(ExitCodes.OK, run(again.toArray(String[]::new)).code());
        assertEquals("what I saw", Files.readString(out.resolve("notes.txt")), "--force keeps the user's files");
        assertEquals(ExitCodes.OK, run("read", out.toString()).code());

        byte[] original = Files.readAllBytes(data);
        List<String> lines = new ArrayList<>(Files.readAllLines(data));
        lines.set(1, lines.get(1) + "7"); // one more digit in one value: a different file, still a valid one
        Files.write(data, lines);
        CliRun changed = run("read", out.toString());
        assertEquals(ExitCodes.USAGE, changed.code(), changed.err());
        assertTrue(changed.err().contains("changed since the run"), changed.err());
        Files.write(data, original);

        Path edited = tmp.resolve("edited");
        org.invariantlab.core.io.Leftovers.deleteTree(edited);
        copy(out, edited);
        Files.writeString(edited.resolve("spec.yaml"), Files.readString(edited.resolve("spec.yaml"))
                .replace("latentSize: 1", "latentSize: 4"));
        CliRun mismatch = run("read", edited.toString());
        assertEquals(ExitCodes.USAGE, mismatch.code(), mismatch.err());
        assertTrue(mismatch.err().contains("does not fit the run's spec: it maps 2 inputs to 1 outputs"), mismatch.err());

        Path damaged = tmp.resolve("damaged");
        copy(out, damaged);
        Files.write(damaged.resolve("model/model.zip"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 9, 9, 9});
        CliRun zip = run("read", damaged.toString());
        assertEquals(ExitCodes.USAGE, zip.code(), zip.err());
        assertTrue(zip.err().contains("model.zip is damaged or not a model written by InvariantLab"), zip.err());
        assertFalse(zip.err().contains("invalid") || zip.err().contains("zip END"), zip.err());

        Path failed = tmp.resolve("failed");
        assertEquals(ExitCodes.FAILED_TO_LEARN, run(small(failed, "--learning-rate", "30")).code());
        CliRun nothing = run("read", failed.toString());
        assertEquals(ExitCodes.USAGE, nothing.code(), nothing.err());
        assertTrue(nothing.err().contains("whose network learned nothing"), nothing.err());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
