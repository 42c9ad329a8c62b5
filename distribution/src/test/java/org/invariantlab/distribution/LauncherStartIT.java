package org.invariantlab.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher's start-up archive (AppCDS; README, "Start-up"): the first listing command of an
 * installation writes it, later ones use it, a changed jar gets a new one, and none of this prints anything or changes
 * what a command prints. Runs on a copy of the installation (jars hard-linked) so the installation under test keeps
 * no archive of its own.
 */
class LauncherStartIT {

    private static Path copy() throws IOException {
        Path home = Installation.home();
        Path copy = home.getParent().resolve("launcher-it-" + System.nanoTime());
        Files.createDirectories(copy.resolve("bin"));
        Files.createDirectories(copy.resolve("lib"));
        Path launcher = copy.resolve("bin/invariantlab");
        Files.copy(home.resolve("bin/invariantlab"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            for (Path j : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(j, copy.resolve("lib").resolve(j.getFileName())); // a copy: its time may change below
            }
        }
        Files.createSymbolicLink(copy.resolve("plugins"), home.resolve("plugins"));
        return copy;
    }

    private static Installation.Result run(Path home, Map<String, String> env, String... args) {
        return Installation.runLauncher(home.resolve("bin/invariantlab"), env, args);
    }

    private static List<String> archives(Path home) throws IOException {
        Path cds = home.resolve("lib/cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cds)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theFirstListingWritesTheArchiveLaterOnesUseItAndNothingElseChanges() throws Exception {
        Path home = copy();
        try {
            check(home);
        } finally {
            try (Stream<Path> all = Files.walk(home)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void check(Path home) throws Exception {
        Installation.Result plain = run(home, Map.of("INVARIANTLAB_CDS", "off"), "plugins");
        assertEquals(0, plain.exitCode(), plain.all());
        assertEquals(List.of(), archives(home), "INVARIANTLAB_CDS=off writes no archive");

        Installation.Result first = run(home, Map.of(), "plugins");
        assertEquals(0, first.exitCode(), first.all());
        assertEquals("", first.err(), "writing the archive prints nothing");
        assertEquals(plain.out(), first.out());
        List<String> written = archives(home);
        assertEquals(1, written.size(), "one complete archive, no partial one: " + written);
        assertTrue(written.get(0).matches("invariantlab-\\d+\\.jsa"), written.toString());

        Installation.Result second = run(home, Map.of(), "plugins");
        assertEquals(0, second.exitCode(), second.all());
        assertEquals("", second.err());
        assertEquals(plain.out(), second.out());
        Installation.Result help = run(home, Map.of(), "--help");
        assertEquals(0, help.exitCode(), help.all());
        assertEquals("", help.err());
        assertEquals(written, archives(home), "an archive in place is used, not written again");

        // a jar that changed makes the JVM refuse the old archive: the launcher keys it by the jars and writes anew
        Path jar;
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith("invariantlab-cli-")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 86_400_000L));
        Installation.Result changed = run(home, Map.of(), "systems");
        assertEquals(0, changed.exitCode(), changed.all());
        assertEquals("", changed.err());
        List<String> rewritten = archives(home);
        assertEquals(1, rewritten.size(), rewritten.toString());
        assertNotEquals(written, rewritten, "the old archive was replaced");
    }

    @Test
    void trainingCommandsTakeTheSerialCollectorComparisonsTheParallelOneAndJavaOptsWin() {
        Map<String, String> flags = Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags", "INVARIANTLAB_CDS", "off");
        Installation.Result run = Installation.run(flags, "run", "--help");
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.all().contains("-XX:+UseSerialGC"), "run trains one network at a time: " + run.all());
        Installation.Result compare = Installation.run(flags, "compare", "--help");
        assertTrue(compare.all().contains("-XX:+UseParallelGC"), "compare may train in threads: " + compare.all());
        Installation.Result own = Installation.run(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:+UseG1GC",
                "INVARIANTLAB_CDS", "off"), "run", "--help");
        assertTrue(own.all().contains("-XX:+UseG1GC") && !own.all().contains("-XX:+UseSerialGC"),
                "a collector in JAVA_OPTS wins: " + own.all());
        Installation.Result listing = Installation.run(Map.of("JAVA_OPTS", "-XX:+UseG1GC", "INVARIANTLAB_CDS", "off"),
                "--help");
        assertEquals(0, listing.exitCode(), "a listing command with a collector of the user's: " + listing.all());
    }
}
