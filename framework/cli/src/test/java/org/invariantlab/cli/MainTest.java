package org.invariantlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the command line, run in-process. */
class MainTest {

    @TempDir
    Path tmp;


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void versionAndHelpExitZero() {
        CliRun v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("InvariantLab "), v.out());
        CliRun h = run("help", "sample");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("--per-group"), h.out());
    }

    @Test
    void usageErrorsExitTwoWithASuggestion() {
        CliRun typo = run("sytems");
        assertEquals(2, typo.code(), typo.err());
        assertTrue(typo.err().contains("systems"), "suggests the command: " + typo.err());
        CliRun badNumber = run("sample", "kepler", "--groups", "many", "--out", "x.csv");
        assertEquals(2, badNumber.code(), badNumber.err());
        assertTrue(badNumber.err().contains("--groups"), badNumber.err());
    }

    @Test
    void aMissingPluginsDirectoryIsAUsageErrorWithOneLineAndNoStackTrace() {
        CliRun r = run("systems", "--plugins-dir", tmp.resolve("missing").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: plugins directory"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void verbosePrintsTheStackTrace() {
        CliRun r = run("systems", "--verbose", "--plugins-dir", tmp.resolve("missing").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("\tat "), "stack trace with --verbose: " + r.err());
    }

    @Test
    void anEmptyPluginFolderIsExplained() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("plugins"));
        CliRun systems = run("systems", "--plugins-dir", empty.toString());
        assertEquals(0, systems.code(), systems.err());
        assertTrue(systems.out().contains("No physical systems found"), systems.out());
        CliRun sample = run("sample", "kepler", "--plugins-dir", empty.toString(), "--out", tmp.resolve("k.csv").toString());
        assertEquals(2, sample.code(), "an unknown id is a usage error");
        assertTrue(sample.err().contains("kepler"), sample.err());
        assertFalse(Files.exists(tmp.resolve("k.csv")));
    }
}
