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
}
