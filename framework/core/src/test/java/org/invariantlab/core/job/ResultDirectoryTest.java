package org.invariantlab.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.invariantlab.api.InvariantLabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aResultAppearsWholeOnCommitAndNotAtAllOtherwise() throws IOException {
        Path out = tmp.resolve("run");
        try (ResultDirectory d = ResultDirectory.open(out, ResultDirectory.Kind.RUN, false)) {
            d.writeString("a.txt", "A");
            d.writeJson("m.json", java.util.Map.of("k", 1));
            assertFalse(Files.exists(out), "nothing visible before commit");
            d.commit();
        }
        assertEquals("A", Files.readString(out.resolve("a.txt")));
        try (ResultDirectory d = ResultDirectory.open(tmp.resolve("abandoned"), ResultDirectory.Kind.RUN, false)) {
            d.writeString("half.txt", "x");
        }
        assertFalse(Files.exists(tmp.resolve("abandoned")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count(), "staging directories are removed");
        }
    }

    @Test
    void anExistingResultIsReplacedOnlyWhenAskedAndOnlyWhenTheNewOneIsComplete() throws IOException {
        Path out = tmp.resolve("run");
        try (ResultDirectory d = ResultDirectory.open(out, ResultDirectory.Kind.RUN, false)) {
            d.writeString("v.txt", "1");
            d.commit();
        }
        InvariantLabException e = assertThrows(InvariantLabException.class, () -> ResultDirectory.open(out, ResultDirectory.Kind.RUN, false));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        try (ResultDirectory d = ResultDirectory.open(out, ResultDirectory.Kind.RUN, true)) {
            d.writeString("v.txt", "2");
            assertEquals("1", Files.readString(out.resolve("v.txt")), "old result intact until commit");
        }
        assertEquals("1", Files.readString(out.resolve("v.txt")), "abandoned replacement leaves the old result");
        try (ResultDirectory d = ResultDirectory.open(out, ResultDirectory.Kind.RUN, true)) {
            d.writeString("v.txt", "2");
            d.commit();
        }
        assertEquals("2", Files.readString(out.resolve("v.txt")));
    }

    @Test
    void anEmptyDirectoryMayBeUsedAndAFileMayNot() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        try (ResultDirectory d = ResultDirectory.open(empty, ResultDirectory.Kind.RUN, false)) {
            d.writeString("x", "y");
            d.commit();
        }
        assertTrue(Files.exists(empty.resolve("x")));
        Path file = Files.writeString(tmp.resolve("file"), "z");
        assertThrows(InvariantLabException.class, () -> ResultDirectory.open(file, ResultDirectory.Kind.RUN, true));
    }

    @Test
    void forceReplacesOnlyAnEarlierResultOfTheSameKind() throws IOException {
        Path notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notes.resolve("ideas.txt"), "my notes");
        InvariantLabException refused = assertThrows(InvariantLabException.class,
                () -> ResultDirectory.open(notes, ResultDirectory.Kind.RUN, true));
        assertTrue(refused.getMessage().contains("not an InvariantLab run result")
                && refused.getMessage().contains("ideas.txt"), refused.getMessage());
        assertEquals("my notes", Files.readString(notes.resolve("ideas.txt")));

        Path reproduction = tmp.resolve("reproduction");
        ResultDirectory.openInPlace(reproduction, ResultDirectory.Kind.REPRODUCTION);
        Files.writeString(reproduction.resolve("summary.json"), "{}");
        assertThrows(InvariantLabException.class, () -> ResultDirectory.open(reproduction, ResultDirectory.Kind.RUN, true),
                "a reproduction is not replaced by a run");
        assertThrows(InvariantLabException.class, () -> ResultDirectory.openInPlace(notes, ResultDirectory.Kind.REPRODUCTION));
        assertTrue(ResultDirectory.isResult(reproduction, ResultDirectory.Kind.REPRODUCTION));

        Path run = tmp.resolve("run");
        try (ResultDirectory d = ResultDirectory.open(run, ResultDirectory.Kind.RUN, false)) {
            d.commit();
        }
        assertTrue(ResultDirectory.isResult(run, ResultDirectory.Kind.RUN));
        try (ResultDirectory d = ResultDirectory.open(run, ResultDirectory.Kind.RUN, true)) {
            d.writeString("v.txt", "new");
            d.commit();
        }
        assertEquals("new", Files.readString(run.resolve("v.txt")));
    }

    @Test
    void resultFoldersGetTheUsersNormalPermissions() throws IOException {
        Path out = tmp.resolve("perm");
        try (ResultDirectory d = ResultDirectory.open(out, ResultDirectory.Kind.RUN, false)) {
            d.writeString("a.txt", "A");
            d.commit();
        }
        Path plain = Files.createDirectory(tmp.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out),
                "the same permissions as mkdir gives");
    }

    @Test
    void stagingLeftByAKilledProcessIsSweptAndOneInUseIsKept() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        Path leftover = Files.createDirectories(tmp.resolve(".run.partial-" + dead + "-123"));
        Files.writeString(leftover.resolve("metrics.json"), "{}");
        Path inUse = Files.createDirectories(tmp.resolve(".run.partial-" + ProcessHandle.current().pid() + "-456"));
        Path oldTmp = Files.writeString(tmp.resolve(".data.csv." + dead + ".789.tmp"), "half");
        try (ResultDirectory d = ResultDirectory.open(tmp.resolve("run"), ResultDirectory.Kind.RUN, false)) {
            d.commit();
        }
        assertFalse(Files.exists(leftover), "a dead process's staging folder is swept");
        assertTrue(Files.exists(inUse), "a living process's staging folder is kept");
        org.invariantlab.core.io.AtomicFiles.writeString(tmp.resolve("data.csv"), "x\n", false);
        assertFalse(Files.exists(oldTmp), "a dead process's temporary file is swept");
    }

    @Test
    void anInterruptRemovesTheStagingFolder() throws Exception {
        // a separate JVM opens a result, and is stopped with SIGTERM before it commits
        Path out = tmp.resolve("interrupted");
        String cp = System.getProperty("java.class.path");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                OpenAndWait.class.getName(), out.toString()).redirectErrorStream(true).start();
        java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(jvm.getInputStream()));
        String line = lines.readLine();
        while (line != null && !line.equals("staged")) {
            line = lines.readLine();
        }
        assertEquals("staged", line);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.filter(q -> q.getFileName().toString().startsWith(".interrupted.partial-")).count());
        }
        jvm.destroy(); // SIGTERM
        jvm.waitFor();
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count(), "the shutdown hook removed the staging folder");
        }
    }

    /** Opens a result directory, writes a file, says so, and waits to be stopped. */
    public static final class OpenAndWait {
        public static void main(String[] args) throws Exception {
            ResultDirectory d = ResultDirectory.open(Path.of(args[0]), ResultDirectory.Kind.RUN, false);
            d.writeString("half.txt", "x");
            System.out.println("staged");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    private static void result(Path out, boolean force, String... files) {
        try (ResultDirectory d = ResultDirectory.open(out, ResultDirectory.Kind.RUN, force)) {
            for (String f : files) {
                d.writeString(f, f + " v" + (force ? 2 : 1));
            }
            d.commit();
        }
    }

    /** Issue 17, item 3: --force replaces what the tool wrote and keeps everything else, and says so. */
    @Test
    void forceKeepsTheFilesTheToolDidNotWrite() throws IOException {
        Path out = tmp.resolve("kept");
        result(out, false, "metrics.json", "plots/a.png");
        Files.writeString(out.resolve("notes.txt"), "my notes");
        Files.createDirectories(out.resolve("plots"));
        Files.writeString(out.resolve("plots/mine.svg"), "my plot");
        Files.writeString(out.resolve("cell.json"), "{}");
        result(out, true, "metrics.json", "spec.yaml");
        assertEquals("metrics.json v2", Files.readString(out.resolve("metrics.json")));
        assertFalse(Files.exists(out.resolve("plots/a.png")), "the tool's own old file is replaced");
        assertEquals("my notes", Files.readString(out.resolve("notes.txt")));
        assertEquals("my plot", Files.readString(out.resolve("plots/mine.svg")));
        assertEquals("{}", Files.readString(out.resolve("cell.json")));
        assertEquals(java.util.Set.of(ResultDirectory.MARKER, "metrics.json", "spec.yaml"),
                ResultDirectory.ownFiles(out).orElseThrow(), "the kept files stay foreign");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count(), "nothing else left beside the result");
        }
    }

    /** A clash (a foreign file under a name the new result uses), or an old result without a list: moved aside. */
    @Test
    void anEarlierResultThatCannotBeSortedOutIsMovedAsideNotDeleted() throws IOException {
        Path out = tmp.resolve("clash");
        result(out, false, "metrics.json");
        Files.writeString(out.resolve("spec.yaml"), "the user's own spec");
        result(out, true, "metrics.json", "spec.yaml");
        assertEquals("spec.yaml v2", Files.readString(out.resolve("spec.yaml")));
        Path aside;
        try (Stream<Path> s = Files.list(tmp)) {
            aside = s.filter(p -> p.getFileName().toString().startsWith("clash.replaced-")).findFirst().orElseThrow();
        }
        assertEquals("the user's own spec", Files.readString(aside.resolve("spec.yaml")));

        Path legacy = Files.createDirectories(tmp.resolve("legacy"));
        Files.writeString(legacy.resolve(ResultDirectory.MARKER), "invariantlab run\n");
        Files.writeString(legacy.resolve("metrics.json"), "old");
        result(legacy, true, "metrics.json");
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("legacy.replaced-")),
                    "an old result that does not list its files is kept aside");
        }
    }

    /** Issue 17, item 1: a device or a pipe is refused, with or without --force, and stays what it was. */
    @Test
    void aDeviceOrAPipeIsNeverReplaced() throws Exception {
        InvariantLabException e = assertThrows(InvariantLabException.class,
                () -> ResultDirectory.open(Path.of("/dev/null"), ResultDirectory.Kind.RUN, true));
        assertTrue(e.getMessage().contains("character device"), e.getMessage());
        Path pipe = org.invariantlab.core.io.OutputPathsTest.fifo(tmp.resolve("pipe"));
        assertThrows(InvariantLabException.class, () -> ResultDirectory.open(pipe, ResultDirectory.Kind.COUNT, true));
        assertEquals("a named pipe", org.invariantlab.core.io.OutputPaths.describe(pipe));
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isDirectory(Path.of("/dev/null")));
    }

    /** A process killed between its two renames leaves the earlier result aside: the next open puts it back. */
    @Test
    void anEarlierResultMovedAsideByAKilledProcessIsPutBack() throws IOException {
        Path out = tmp.resolve("back");
        result(out, false, "metrics.json");
        Files.move(out, tmp.resolve(".back.old-999999999-1"));
        try (ResultDirectory d = ResultDirectory.open(out, ResultDirectory.Kind.RUN, false)) {
            assertEquals("metrics.json v1", Files.readString(out.resolve("metrics.json")));
        } catch (InvariantLabException refusedBecauseItIsBack) {
            assertEquals("metrics.json v1", Files.readString(out.resolve("metrics.json")));
        }
    }
}
