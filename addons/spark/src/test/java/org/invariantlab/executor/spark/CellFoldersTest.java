package org.invariantlab.executor.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.invariantlab.api.InvariantLabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cell's folder survives the zip round trip, and no entry of a zip lands outside the folder it is unpacked in. */
class CellFoldersTest {

    @TempDir
    Path tmp;

    @Test
    void aFolderComesBackAsItWas() throws IOException {
        Path cell = tmp.resolve("from/cell");
        Files.createDirectories(cell.resolve("model"));
        Files.createDirectories(cell.resolve("empty"));
        Files.writeString(cell.resolve("cell.json"), "{}");
        Files.write(cell.resolve("model/model.zip"), new byte[] {1, 2, 3});
        Path to = Files.createDirectories(tmp.resolve("to"));
        CellFolders.unzip(CellFolders.zip(cell), to);
        assertEquals("{}", Files.readString(to.resolve("cell.json")));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(to.resolve("model/model.zip")));
        assertTrue(Files.isDirectory(to.resolve("empty")));
    }

    @Test
    void refusesEntriesThatLeaveTheFolder() throws IOException {
        for (String evil : List.of("../evil.txt", "a/../../evil.txt", "/tmp/evil.txt", "..", ".")) {
            Path to = Files.createDirectories(tmp.resolve("to-" + Math.abs(evil.hashCode())));
            InvariantLabException e = assertThrows(InvariantLabException.class,
                    () -> CellFolders.unzip(zipOf(evil), to), evil);
            assertTrue(e.getMessage().contains("would be written outside"), e.getMessage());
        }
        try (Stream<Path> s = Files.walk(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().equals("evil.txt")), "nothing was written");
        }
    }

    private static byte[] zipOf(String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write("evil".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
