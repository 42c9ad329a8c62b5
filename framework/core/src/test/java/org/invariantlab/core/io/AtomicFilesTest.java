package org.invariantlab.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.invariantlab.api.InvariantLabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesCreatingParentFolders() throws IOException {
        Path f = dir.resolve("a/b/result.txt");
        AtomicFiles.writeString(f, "hello", false);
        assertEquals("hello", Files.readString(f));
    }

    @Test
    void refusesToReplaceAnExistingResultUnlessAsked() throws IOException {
        Path f = dir.resolve("result.txt");
        AtomicFiles.writeString(f, "first", false);
        InvariantLabException e = assertThrows(InvariantLabException.class, () -> AtomicFiles.writeString(f, "second", false));
        assertTrue(e.getMessage().contains("already exists") && e.getMessage().contains("--force"), e.getMessage());
        assertEquals("first", Files.readString(f));
        AtomicFiles.writeString(f, "second", true);
        assertEquals("second", Files.readString(f));
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("result.txt");
        AtomicFiles.writeString(f, "good", false);
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half-written");
            throw new IOException("disk full");
        }, true));
        assertEquals("good", Files.readString(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "temporary file removed");
        }
    }
}
