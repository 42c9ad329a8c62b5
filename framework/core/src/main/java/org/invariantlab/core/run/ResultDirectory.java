package org.invariantlab.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.io.IoErrors;
import org.invariantlab.core.io.Json;
import org.invariantlab.core.io.Leftovers;

/**
 * A result directory that is complete or absent: files are written into a hidden staging directory beside the
 * target, {@code .NAME.partial-PID-NANOS}, which is renamed into place by {@link #commit()}. Closing without
 * commit, or an interrupt of the JVM (Ctrl-C, SIGTERM), removes the staging directory; staging directories of
 * killed processes are swept by the next {@link #open} of the same target ({@link Leftovers}).
 *
 * <p>Every result carries a marker file {@value #MARKER} naming its {@link Kind}. An existing target is
 * replaced only when asked ({@code overwrite}, the commands' {@code --force}), only if it is empty or an
 * earlier InvariantLab result of the same kind, and only after the new one is complete: a folder of anything
 * else is never deleted. Folders are created like {@code mkdir} does, with the user's umask.
 */
public final class ResultDirectory implements AutoCloseable {

    /** The marker file inside every result directory; its one line names the kind. */
    public static final String MARKER = ".invariantlab-result";

    /** What a result directory holds. */
    public enum Kind {
        /** One run ({@code invariantlab run}). */
        RUN("run", List.of("spec.yaml", "metrics.json", "provenance.json")),
        /** A paper reproduction ({@code invariantlab reproduce}). */
        REPRODUCTION("reproduction", List.of("summary.json")),
        /** A count of conserved quantities ({@code invariantlab count}). */
        COUNT("count", List.of("count.json")),
        /** A comparison grid ({@code invariantlab compare}). */
        COMPARISON("comparison", List.of("plan.json"));

        private final String id;
        private final List<String> legacyFiles;

        Kind(String id, List<String> legacyFiles) {
            this.id = id;
            this.legacyFiles = legacyFiles;
        }

        /** The name written into the marker. */
        public String id() {
            return id;
        }

        private String markerText() {
            return "invariantlab " + id + "\n";
        }
    }

    private final Path target;
    private final Kind kind;
    private final Path staging;
    private final boolean overwrite;
    private final Leftovers.Registration cleanup;
    private boolean committed;

    private ResultDirectory(Path target, Kind kind, Path staging, boolean overwrite, Leftovers.Registration cleanup) {
        this.target = target;
        this.kind = kind;
        this.staging = staging;
        this.overwrite = overwrite;
        this.cleanup = cleanup;
    }

    /**
     * Checks that {@code target} may be written ({@link #checkWritable}) and opens a staging directory holding
     * the marker. Call this before expensive work, so a refusal comes first.
     */
    public static ResultDirectory open(Path target, Kind kind, boolean overwrite) {
        Path abs = target.toAbsolutePath().normalize();
        checkWritable(abs, kind, overwrite);
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
            Leftovers.sweep(parent, "." + abs.getFileName() + ".partial-", true);
            Leftovers.sweep(parent, "." + abs.getFileName() + ".old-", false);
            Path staging = createUnique(parent, "." + abs.getFileName() + ".partial-");
            Leftovers.Registration cleanup = Leftovers.removeOnExit(staging);
            Files.writeString(staging.resolve(MARKER), kind.markerText());
            return new ResultDirectory(abs, kind, staging, overwrite, cleanup);
        } catch (IOException e) {
            throw new InvariantLabException("cannot create a result directory next to " + abs + ": " + IoErrors.describe(e, abs), e);
        }
    }

    /**
     * Prepares {@code dir} to be filled in place, one committed part at a time (a reproduction's experiments):
     * it must be absent, empty, or an earlier result of {@code kind}; it is created if needed and marked.
     */
    public static void openInPlace(Path dir, Kind kind) {
        Path abs = dir.toAbsolutePath().normalize();
        checkInPlace(abs, kind);
        try {
            Files.createDirectories(abs);
            if (!Files.exists(abs.resolve(MARKER))) {
                Files.writeString(abs.resolve(MARKER), kind.markerText());
            }
        } catch (IOException e) {
            throw new InvariantLabException("cannot create the result directory " + abs + ": " + IoErrors.describe(e, abs), e);
        }
    }

    /** Refuses a {@code dir} that {@link #openInPlace} would refuse: a file, or a folder of anything else. */
    public static void checkInPlace(Path dir, Kind kind) {
        if (Files.isRegularFile(dir)) {
            throw new InvalidInputException(dir + " is a file; give a directory for the results");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir) && !isResult(dir, kind)) {
            throw new InvalidInputException(notOurs(dir, kind));
        }
    }

    /**
     * Refuses a {@code target} that is a file, or an existing non-empty folder unless {@code overwrite} is set
     * and the folder is an earlier result of the same {@code kind}.
     */
    public static void checkWritable(Path target, Kind kind, boolean overwrite) {
        if (Files.isRegularFile(target)) {
            throw new InvalidInputException(target + " is a file; give a directory for the results");
        }
        if (!Files.isDirectory(target) || isEmpty(target)) {
            return;
        }
        if (!overwrite) {
            throw new InvalidInputException(target + " already holds results; choose another --out or pass --force to replace them");
        }
        if (!isResult(target, kind)) {
            throw new InvalidInputException(notOurs(target, kind));
        }
    }

    /**
     * True if {@code dir} is an InvariantLab result of {@code kind}: it carries the marker of that kind, or (results
     * written before the marker existed) no marker but the files such a result always has.
     */
    public static boolean isResult(Path dir, Kind kind) {
        Path marker = dir.resolve(MARKER);
        if (Files.isRegularFile(marker)) {
            try {
                return Files.readString(marker).equals(kind.markerText());
            } catch (IOException | UncheckedIOException e) {
                return false;
            }
        }
        return kind.legacyFiles.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    private static String notOurs(Path dir, Kind kind) {
        String example;
        try (Stream<Path> s = Files.list(dir)) {
            example = s.map(p -> p.getFileName().toString()).sorted().findFirst().orElse("");
        } catch (IOException e) {
            example = "";
        }
        return String.format(Locale.ROOT, "%s is not an InvariantLab %s result (it holds e.g. '%s'); --force only"
                + " replaces earlier results, so choose another --out, or move that folder away yourself", dir,
                kind.id(), example);
    }

    /** Creates a new folder {@code prefix + tag} with the default permissions (the umask applies). */
    private static Path createUnique(Path parent, String prefix) throws IOException {
        while (true) {
            try {
                return Files.createDirectory(parent.resolve(prefix + Leftovers.tag()));
            } catch (FileAlreadyExistsException e) {
                // another staging folder of this process was created in the same nanosecond; take the next
            }
        }
    }

    /** The final location. */
    public Path target() {
        return target;
    }

    /** What this directory holds. */
    public Kind kind() {
        return kind;
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

    /** Writes an object as indented JSON with a deterministic key order ({@link Json}). */
    public void writeJson(String name, Object value) {
        writeString(name, Json.write(value));
    }

    /** Moves the complete result into place (replacing an old one if allowed). */
    public void commit() {
        try {
            Path old = null;
            if (Files.exists(target)) {
                checkWritable(target, kind, overwrite);
                old = target.resolveSibling("." + target.getFileName() + ".old-" + Leftovers.tag());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            cleanup.close();
            if (old != null) {
                Leftovers.deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the result into " + target + ": " + IoErrors.describe(e, target), e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            Leftovers.deleteTree(staging);
            cleanup.close();
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
