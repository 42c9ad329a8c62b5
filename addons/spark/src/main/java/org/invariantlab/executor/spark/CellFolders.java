package org.invariantlab.executor.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.compare.Cell;
import org.invariantlab.core.compare.CellResult;
import org.invariantlab.core.compare.CellWorker;
import org.invariantlab.core.compare.Comparison;
import org.invariantlab.core.io.Leftovers;

/**
 * A cell's folder on its way from a worker to the driver: zipped on the worker, unzipped on the driver into a hidden
 * staging folder beside {@code cells/<id>} and renamed into place, so that {@code cells/<id>} is a whole cell or
 * absent (as a local executor leaves it) and an incomplete earlier folder of the same id is replaced.
 */
final class CellFolders {

    private CellFolders() {
    }

    /** The files and folders under {@code dir}, as a zip with paths relative to it (links are not followed). */
    static byte[] zip(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> paths;
        try (Stream<Path> s = Files.walk(dir)) {
            paths = s.sorted().toList();
        }
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path p : paths) {
                if (p.equals(dir)) {
                    continue;
                }
                String name = dir.relativize(p).toString().replace(File.separatorChar, '/');
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    zip.putNextEntry(new ZipEntry(name + "/"));
                    zip.closeEntry();
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    zip.putNextEntry(new ZipEntry(name));
                    Files.copy(p, zip);
                    zip.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Unzips {@code zip} into the existing folder {@code target}.
     *
     * @throws InvariantLabException for an entry that would land outside {@code target} (zip slip)
     */
    static void unzip(byte[] zip, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path p = inside(root, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else {
                    Files.createDirectories(p.getParent());
                    Files.copy(in, p);
                }
            }
        }
    }

    /** {@code root/name}, refused unless it is strictly inside {@code root}. */
    static Path inside(Path root, String name) {
        Path p;
        try {
            p = root.resolve(name).normalize();
        } catch (InvalidPathException e) {
            p = null;
        }
        if (p == null || !p.startsWith(root) || p.equals(root)) {
            throw new InvariantLabException("refused a cell folder from Spark: its entry '" + name
                    + "' would be written outside " + root);
        }
        return p;
    }

    /**
     * Puts the zipped folder of {@code cell} in place as {@code cells/<id>} (replacing what is there) and reads its
     * {@code cell.json}; a folder without a readable one gives a result with status {@code error}.
     */
    static CellResult install(Path cells, Cell cell, byte[] zip) {
        String id = cell.id();
        Path dir = cells.toAbsolutePath().normalize();
        Path target = dir.resolve(id).normalize();
        if (!dir.equals(target.getParent())) {
            throw new InvariantLabException("cell id '" + id + "' is not a folder name");
        }
        try {
            Files.createDirectories(dir);
            Leftovers.sweep(dir, "." + id + ".partial-", false);
            Leftovers.sweep(dir, "." + id + ".old-", false);
            Path staging = dir.resolve("." + id + ".partial-" + Leftovers.tag());
            Leftovers.Registration cleanup = Leftovers.removeOnExit(staging);
            try {
                Files.createDirectory(staging);
                unzip(zip, staging);
                replace(dir, id, staging, target);
            } finally {
                Leftovers.deleteTree(staging); // gone already unless something failed
                cleanup.close();
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvariantLabException("cannot put cell " + id + " in place in " + dir + ": " + e.getMessage(), e);
        }
        return Comparison.read(target).orElseGet(() -> new CellResult(cell, CellResult.ERROR, "its folder came back "
                + "from Spark without a readable " + CellWorker.CELL_FILE, null, null));
    }

    private static void replace(Path dir, String id, Path staging, Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = dir.resolve("." + id + ".old-" + Leftovers.tag());
        Leftovers.Registration cleanup = Leftovers.removeOnExit(old);
        try {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            Leftovers.deleteTree(old);
        } finally {
            cleanup.close();
        }
    }
}
