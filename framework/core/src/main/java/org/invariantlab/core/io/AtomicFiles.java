package org.invariantlab.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;

/**
 * Atomic file writing. A write either produces the complete new file or leaves the target as it was: the
 * content is written to a temporary sibling, flushed, and renamed over the target. The temporary sibling is
 * removed if the JVM is interrupted, and one left by a killed process is swept by the next write to the same
 * target ({@link Leftovers}).
 */
public final class AtomicFiles {

    /** Writes text to a {@link Writer}; may throw {@link IOException}. */
    @FunctionalInterface
    public interface WriterAction {
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Refuses to go on if {@code target} exists and {@code overwrite} is false; creates missing parent folders.
     *
     * @throws InvalidInputException naming the file and how to proceed
     */
    public static void checkWritable(Path target, boolean overwrite) {
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(target + " is a directory; give a file name");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
            Path shown = Files.isSymbolicLink(target) && Files.exists(target) ? OutputPaths.realOrAbsolute(target) : target;
            throw new InvalidInputException(target + " is " + OutputPaths.describe(shown) + ", not a file; give the name"
                    + " of a new file");
        }
        if (Files.exists(target) && !overwrite) {
            throw new InvalidInputException(target + " already exists; choose another output or pass --force to replace it");
        }
    }

    /**
     * Checks, before any work, that a new file can be written at {@code target}: {@link #checkWritable} and
     * moreover that its folder exists and is writable (nothing is created).
     *
     * @throws InvariantLabException naming the problem and how to proceed
     */
    public static void checkNewFile(Path target, boolean overwrite) {
        checkWritable(OutputPaths.file(target, "--out"), overwrite);
    }

    /** Writes {@code content} (UTF-8) to {@code target} atomically. */
    public static void writeString(Path target, String content, boolean overwrite) {
        write(target, out -> out.write(content), overwrite);
    }

    /** Writes a file at a given path; may throw {@link IOException}. */
    @FunctionalInterface
    public interface FileAction {
        void writeTo(Path file) throws IOException;
    }

    /** Streams text to {@code target} atomically; on any failure the target is untouched. */
    public static void write(Path target, WriterAction action, boolean overwrite) {
        writeFile(target, tmp -> {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                action.writeTo(out);
            }
        }, overwrite);
    }

    /** Writes bytes to {@code target} atomically. */
    public static void writeBytes(Path target, byte[] bytes, boolean overwrite) {
        writeFile(target, tmp -> Files.write(tmp, bytes, StandardOpenOption.WRITE), overwrite);
    }

    /**
     * The primitive behind every atomic write: {@code action} fills a new hidden sibling of {@code target}
     * (created empty, with the default permissions, which {@code createTempFile} would narrow to owner-only),
     * which is then renamed over the target. On any failure the target is untouched and the sibling removed.
     * Use it for writers that want a path, such as DL4J's model serializer or an image encoder.
     */
    public static void writeFile(Path target, FileAction action, boolean overwrite) {
        checkWritable(target, overwrite);
        Path abs = target.toAbsolutePath();
        if (Files.isSymbolicLink(abs) && Files.exists(abs)) {
            try {
                abs = abs.toRealPath(); // write the file the link names; the link stays
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + target + ": " + IoErrors.describe(e, target), e);
            }
        }
        Path dir = abs.getParent();
        Path tmp = null;
        Leftovers.Registration cleanup = null;
        try {
            Files.createDirectories(dir);
            Leftovers.sweep(dir, "." + abs.getFileName() + ".", false);
            Path candidate = dir.resolve("." + abs.getFileName() + "." + Leftovers.fileTag() + ".tmp");
            Files.createFile(candidate);
            tmp = candidate;
            cleanup = Leftovers.removeOnExit(tmp);
            action.writeTo(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + IoErrors.describe(e, tmp == null ? target : tmp), e);
        } finally {
            if (cleanup != null) {
                cleanup.close();
            }
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after the target
                }
            }
        }
    }
}
