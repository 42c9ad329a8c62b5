package org.invariantlab.core.run;

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
}
