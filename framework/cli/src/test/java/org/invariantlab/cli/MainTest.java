package org.invariantlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the command line, run in-process. */
class MainTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionAndHelpExitZero() {
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("InvariantLab "), v.out());
        Run h = run("help", "sample");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("--per-group"), h.out());
    }

    @Test
    void usageErrorsExitTwoWithASuggestion() {
        Run typo = run("sytems");
        assertEquals(2, typo.code(), typo.err());
        assertTrue(typo.err().contains("systems"), "suggests the command: " + typo.err());
        Run badNumber = run("sample", "kepler", "--groups", "many", "--out", "x.csv");
        assertEquals(2, badNumber.code(), badNumber.err());
        assertTrue(badNumber.err().contains("--groups"), badNumber.err());
    }

    @Test
    void aMissingPluginsDirectoryIsAUsageErrorWithOneLineAndNoStackTrace() {
        Run r = run("systems", "--plugins-dir", tmp.resolve("missing").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: plugins directory"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void verbosePrintsTheStackTrace() {
        Run r = run("systems", "--verbose", "--plugins-dir", tmp.resolve("missing").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("\tat "), "stack trace with --verbose: " + r.err());
    }

    @Test
    void anEmptyPluginFolderIsExplained() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("plugins"));
        Run systems = run("systems", "--plugins-dir", empty.toString());
        assertEquals(0, systems.code(), systems.err());
        assertTrue(systems.out().contains("No physical systems found"), systems.out());
        Run sample = run("sample", "kepler", "--plugins-dir", empty.toString(), "--out", tmp.resolve("k.csv").toString());
        assertEquals(2, sample.code(), "an unknown id is a usage error");
        assertTrue(sample.err().contains("kepler"), sample.err());
        assertFalse(Files.exists(tmp.resolve("k.csv")));
    }
}
