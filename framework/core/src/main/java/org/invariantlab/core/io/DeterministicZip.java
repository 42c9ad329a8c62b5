package org.invariantlab.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a zip file so that the same entries give the same bytes: entries sorted by name, every entry
 * stamped with one fixed local time ({@link #ENTRY_TIME}) and no extra fields, comments or per-entry
 * attributes. Zip writers such as DL4J's model serializer stamp entries with the current time, so two
 * identical models would otherwise differ in a few bytes.
 */
public final class DeterministicZip {

    /** The modification time written for every entry (zip stores local date-time without a zone). */
    public static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private DeterministicZip() {
    }

    /** Re-packs {@code zip} in place (through a sibling file that is renamed over it). */
    public static void normalize(Path zip) throws IOException {
        Path tmp = zip.resolveSibling(zip.getFileName() + ".repack");
        try (ZipFile in = new ZipFile(zip.toFile()); Leftovers.Registration cleanup = Leftovers.removeOnExit(tmp)) {
            List<ZipEntry> entries = new ArrayList<>(Collections.list(in.entries()));
            entries.sort(Comparator.comparing(ZipEntry::getName));
            try (OutputStream file = Files.newOutputStream(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
                 ZipOutputStream out = new ZipOutputStream(file)) {
                out.setLevel(6);
                for (ZipEntry e : entries) {
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTimeLocal(ENTRY_TIME);
                    out.putNextEntry(copy);
                    if (!e.isDirectory()) {
                        try (InputStream data = in.getInputStream(e)) {
                            data.transferTo(out);
                        }
                    }
                    out.closeEntry();
                }
            }
            Files.move(tmp, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
