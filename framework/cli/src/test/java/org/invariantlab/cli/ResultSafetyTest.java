package org.invariantlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invariantlab.testkit.PluginJarBuilder;
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

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void plugin() throws IOException {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        PluginJarBuilder.plugin("circle").version("1.0.0").extensions(CircleSystem.class).writeTo(plugins);
    }

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--plugins-dir");
        all.add(plugins.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
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
        Run r = run(small(out, "--learning-rate", "30"));
        assertEquals(ExitCodes.FAILED_TO_LEARN, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("failed_to_learn") && r.out().contains("--learning-rate"), r.out());
        assertFalse(r.out().contains("alignment "), "no alignment claimed for a run that learned nothing: " + r.out());
        assertTrue(Files.readString(out.resolve("metrics.json")).contains("\"matched_invariants\" : [ ]"));
    }

    @Test
    void forceRefusesAFolderOfTheUsersFilesAndKeepsIt() throws IOException {
        Path notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notes.resolve("thesis.txt"), "years of work");
        Run r = run(small(notes, "--force"));
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("not an InvariantLab run result"), r.err());
        assertEquals("years of work", Files.readString(notes.resolve("thesis.txt")));
        assertEquals(1, Files.list(notes).count());
        assertFalse(r.out().contains("training"), "refused before any work: " + r.out());

        Run reproduce = run("reproduce", "wetzel2020", "--quick", "--force", "--out", notes.toString());
        assertEquals(ExitCodes.USAGE, reproduce.code(), reproduce.err());
        assertEquals("years of work", Files.readString(notes.resolve("thesis.txt")));
    }

    @Test
    void aRunTooLargeForTheMemoryIsRefusedAtOnce() {
        Path out = tmp.resolve("huge");
        Run r = run("run", "--system", "circle", "--train-groups", "400000000", "--out", out.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: this run needs about") && r.err().contains("JAVA_OPTS=-Xmx"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void sampleChecksItsOutputBeforeSampling() throws IOException {
        Run missing = run("sample", "circle", "--out", tmp.resolve("no/such/folder/c.csv").toString());
        assertEquals(ExitCodes.USAGE, missing.code(), missing.err());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        Path dir = Files.createDirectories(tmp.resolve("a-folder.csv"));
        Run isDir = run("sample", "circle", "--out", dir.toString());
        assertEquals(ExitCodes.USAGE, isDir.code(), isDir.err());
        assertTrue(isDir.err().contains("is a folder; give a file name"), isDir.err());

        Path csv = tmp.resolve("c.csv");
        assertEquals(ExitCodes.OK, run("sample", "circle", "--groups", "5", "--out", csv.toString()).code());
        Run exists = run("sample", "circle", "--groups", "5", "--out", csv.toString());
        assertEquals(ExitCodes.USAGE, exists.code(), exists.err());
        assertTrue(exists.err().contains("--force"), exists.err());
        assertEquals(ExitCodes.OK, run("sample", "circle", "--groups", "6", "--force", "--out", csv.toString()).code(),
                "an earlier sample may be replaced");
        assertEquals(1 + 6 * 2, Files.readAllLines(csv).size(), "header and 6 groups × 2 states");

        Path letter = Files.writeString(tmp.resolve("letter.csv"), "Dear reader,\n");
        Run notOurs = run("sample", "circle", "--force", "--out", letter.toString());
        assertEquals(ExitCodes.USAGE, notOurs.code(), notOurs.err());
        assertEquals("Dear reader,\n", Files.readString(letter));
    }
}
