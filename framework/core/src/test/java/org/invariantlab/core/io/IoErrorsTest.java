package org.invariantlab.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void eachKindOfFailureIsSaidInWords() {
        assertEquals("/a/b: no such file or directory", IoErrors.describe(new NoSuchFileException("/a/b")));
        assertEquals("/a: not a directory", IoErrors.describe(new NotDirectoryException("/a")));
        // tests run as root, so chmod cannot provoke this one: the mapping is tested directly
        assertEquals("/etc/x: permission denied", IoErrors.describe(new AccessDeniedException("/etc/x")));
        assertEquals("/out/r.csv: disk full (no space left on the device)",
                IoErrors.describe(new FileSystemException("/out/r.csv", null, "No space left on device")));
        assertEquals("disk full (no space left on the device)", IoErrors.describe(new IOException("No space left on device")));
        assertEquals("/d: is a directory", IoErrors.describe(new FileSystemException("/d", null, "Is a directory")));
        assertEquals("/d (x): permission denied", IoErrors.describe(new FileNotFoundException("/d (x) (Permission denied)")));
        assertEquals("not UTF-8 text", IoErrors.describe(new MalformedInputException(1)));
        assertEquals("input/output error", IoErrors.describe(new IOException()));
        assertEquals("stream closed", IoErrors.describe(new IOException("java.io.IOException: stream closed")));
        assertEquals("/a/b: no such file or directory",
                IoErrors.describe(new UncheckedIOException(new NoSuchFileException("/a/b"))));
    }

    @Test
    void realFailuresOnThisFileSystem() throws IOException {
        IOException missing = assertThrows(IOException.class, () -> Files.readString(tmp.resolve("none.yaml")));
        assertEquals(tmp.resolve("none.yaml") + ": no such file or directory", IoErrors.describe(missing));
        IOException dir = assertThrows(IOException.class, () -> Files.readAllBytes(tmp));
        assertEquals("is a directory", IoErrors.reason(dir));
        Path file = Files.writeString(tmp.resolve("f"), "x");
        // writing file/x.csv first creates the folder "file", which is a file
        IOException under = assertThrows(IOException.class, () -> Files.createDirectories(file));
        assertEquals(file + " is a file, not a folder", IoErrors.describe(under, file.resolve("x.csv")));
        assertEquals("already exists", IoErrors.describe(under, file));
        IOException notDir = assertThrows(IOException.class, () -> Files.writeString(file.resolve("x.csv"), "y"));
        assertEquals("not a directory", IoErrors.reason(notDir));
    }
}
