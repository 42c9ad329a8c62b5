package org.invariantlab.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterministicOutputTest {

    @TempDir
    Path tmp;

    @Test
    void unorderedMapsAreWrittenSortedAndOrderedOnesInTheirOrder() {
        Map<String, Object> linked = new LinkedHashMap<>();
        linked.put("zeta", 1);
        linked.put("alpha", List.of(Map.of("feature", "x", "coefficient", 2.0, "b", 3)));
        String json = Json.write(linked);
        assertEquals("{\n  \"zeta\" : 1,\n  \"alpha\" : [ {\n    \"b\" : 3,\n    \"coefficient\" : 2.0,\n"
                + "    \"feature\" : \"x\"\n  } ]\n}\n", json);
        Map<String, Object> hashed = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            hashed.put("k" + (i * 7919 % 50), i);
        }
        String[] keys = Arrays.stream(Json.write(hashed).split("\n")).filter(l -> l.contains(":"))
                .map(l -> l.trim().split("\"")[1]).toArray(String[]::new);
        String[] sorted = keys.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, keys);
    }

    @Test
    void zipsWithTheSameEntriesWrittenAtOtherTimesAndInAnotherOrderGetTheSameBytes() throws IOException {
        Path a = zip("a.zip", List.of("b.bin", "a.json"), LocalDateTime.of(2024, 3, 1, 10, 0));
        Path b = zip("b.zip", List.of("a.json", "b.bin"), LocalDateTime.of(2025, 7, 9, 23, 59));
        assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)));
        DeterministicZip.normalize(a);
        DeterministicZip.normalize(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        try (ZipFile z = new ZipFile(a.toFile())) {
            assertEquals(List.of("a.json", "b.bin"), z.stream().map(ZipEntry::getName).toList());
            assertEquals("content of a.json", new String(z.getInputStream(z.getEntry("a.json")).readAllBytes()));
        }
        assertFalse(Files.exists(tmp.resolve("a.zip.repack")));
    }

    private Path zip(String name, List<String> entries, LocalDateTime time) throws IOException {
        Path p = tmp.resolve(name);
        try (OutputStream f = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(f)) {
            for (String e : entries) {
                ZipEntry entry = new ZipEntry(e);
                entry.setTimeLocal(time);
                z.putNextEntry(entry);
                z.write(("content of " + e).getBytes());
                z.closeEntry();
            }
        }
        return p;
    }
}
