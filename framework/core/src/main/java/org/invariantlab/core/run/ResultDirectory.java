package org.invariantlab.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.io.IoErrors;

/**
 * A result directory that is complete or absent: files are written into a hidden staging directory beside the
 * target, which is renamed into place by {@link #commit()}. An existing result is replaced only when asked,
 * and then only after the new one is complete. Closing without commit removes the staging directory.
 */
public final class ResultDirectory implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private boolean committed;

    private ResultDirectory(Path target, Path staging, boolean overwrite) {
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
    }

    /**
     * Checks that {@code target} may be written (absent, empty, or {@code overwrite}) and opens a staging
     * directory. Call this before expensive work, so a refusal comes first.
     */
    public static ResultDirectory open(Path target, boolean overwrite) {
        Path abs = target.toAbsolutePath().normalize();
        checkWritable(abs, overwrite);
        try {
            Files.createDirectories(abs.getParent());
            Path staging = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".partial-");
            return new ResultDirectory(abs, staging, overwrite);
        } catch (IOException e) {
            throw new InvariantLabException("cannot create a result directory next to " + abs + ": " + IoErrors.describe(e, abs), e);
        }
    }

    /** Refuses an existing non-empty {@code target} unless {@code overwrite}. */
    public static void checkWritable(Path target, boolean overwrite) {
        if (Files.isRegularFile(target)) {
            throw new InvalidInputException(target + " is a file; give a directory for the results");
        }
        if (!overwrite && Files.isDirectory(target) && !isEmpty(target)) {
            throw new InvalidInputException(target + " already holds results; choose another --out or pass --force to replace them");
        }
    }

    /** The final location. */
    public Path target() {
        return target;
    }

    /** Path of {@code name} inside the staging directory, creating parent folders. */
    public Path file(String name) {
        Path p = staging.resolve(name);
        try {
            Files.createDirectories(p.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Writes a UTF-8 text file. */
    public void writeString(String name, String content) {
        try {
            Files.writeString(file(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + ": " + IoErrors.reason(e), e);
        }
    }

    /** Writes an object as indented JSON. */
    public void writeJson(String name, Object value) {
        try {
            writeString(name, JSON.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves the complete result into place (replacing an old one if allowed). */
    public void commit() {
        try {
            Path old = null;
            if (Files.exists(target)) {
                checkWritable(target, overwrite);
                old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            if (old != null) {
                delete(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the result into " + target + ": " + IoErrors.describe(e, target), e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            delete(staging);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
