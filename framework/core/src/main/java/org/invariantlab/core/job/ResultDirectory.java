package org.invariantlab.core.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.LinkOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.invariantlab.core.io.FolderLock;
import org.invariantlab.core.io.OutputPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    /**
     * The marker file inside every result directory: its first line names the kind; after the line
     * {@value #FILES_HEADING}, one line per file InvariantLab wrote there (its manifest: what {@code --force} may
     * replace).
     */
    public static final String MARKER = ".invariantlab-result";

    /** The line of the marker before its list of the result's own files. */
    static final String FILES_HEADING = "# files written by InvariantLab (--force replaces these; anything else is kept):";

    private static final Logger LOG = LoggerFactory.getLogger(ResultDirectory.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    /** What a result directory holds. */
    public enum Kind {
        /** One run ({@code invariantlab run}). */
        RUN("run", List.of("spec.yaml", "metrics.json", "provenance.json")),
        /** A paper reproduction ({@code invariantlab reproduce}). */
        REPRODUCTION("reproduction", List.of("summary.json")),
        /** A count of conserved quantities ({@code invariantlab count}). */
        COUNT("count", List.of("count.json")),
        /** A comparison grid ({@code invariantlab compare}). */
        COMPARISON("comparison", List.of("plan.json")),
        /** Verdicts on typed formulas ({@code invariantlab check}). */
        CHECK("check", List.of("check.json"));

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
        Path abs = checkWritable(target, kind, overwrite);
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
            Leftovers.sweep(parent, "." + abs.getFileName() + ".partial-", true);
            restoreInterrupted(parent, abs);
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
     * A process killed between moving an earlier result aside and moving the new one into place leaves the earlier
     * one as {@code .NAME.old-PID-NANOS} and no {@code NAME}: it is put back, so nothing is lost.
     */
    private static void restoreInterrupted(Path parent, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".old-";
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.filter(q -> q.getFileName().toString().startsWith(prefix)).sorted().toList()) {
                String pid = p.getFileName().toString().substring(prefix.length()).split("-")[0];
                boolean alive = pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive)
                        .orElse(false);
                if (!alive && isResult(p, null)) {
                    Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
                    LOG.warn("put back the earlier result {} that an interrupted InvariantLab process had moved aside",
                            target);
                    return;
                }
            }
        }
    }

    /**
     * Prepares {@code dir} to be filled in place, one committed part at a time (a reproduction's experiments):
     * it must be absent, empty, or an earlier result of {@code kind}; it is created if needed and marked.
     *
     * @return the real location filled
     */
    public static Path openInPlace(Path dir, Kind kind) {
        Path abs = checkInPlace(dir, kind);
        try {
            Files.createDirectories(abs);
            if (!Files.exists(abs.resolve(MARKER))) {
                Files.writeString(abs.resolve(MARKER), kind.markerText());
            }
            return abs;
        } catch (IOException e) {
            throw new InvariantLabException("cannot create the result directory " + abs + ": " + IoErrors.describe(e, abs), e);
        }
    }

    /**
     * Refuses a {@code dir} that {@link #openInPlace} would refuse: anything but a folder ({@link OutputPaths}), or
     * a folder of anything else than an earlier result of {@code kind}.
     *
     * @return the real location
     */
    public static Path checkInPlace(Path dir, Kind kind) {
        Path abs = OutputPaths.folder(dir, "--out");
        if (Files.isDirectory(abs) && !isEmpty(abs) && !isResult(abs, kind)) {
            throw new InvalidInputException(notOurs(abs, kind));
        }
        return abs;
    }

    /**
     * Refuses a {@code target} that is not a folder or a new name ({@link OutputPaths}), or an existing non-empty
     * folder unless {@code overwrite} is set and the folder is an earlier result of the same {@code kind}.
     *
     * @return the real location the result will be written to
     */
    public static Path checkWritable(Path target, Kind kind, boolean overwrite) {
        Path abs = OutputPaths.folder(target, "--out");
        if (!Files.isDirectory(abs) || isEmpty(abs)) {
            return abs;
        }
        if (!overwrite) {
            throw new InvalidInputException(abs + " already holds results; choose another --out or pass --force to replace them");
        }
        if (!isResult(abs, kind)) {
            throw new InvalidInputException(notOurs(abs, kind));
        }
        return abs;
    }

    /**
     * True if {@code dir} is an InvariantLab result of {@code kind} (of any kind when {@code null}): it carries the
     * marker of that kind, or (results written before the marker existed) no marker but the files such a result
     * always has.
     */
    public static boolean isResult(Path dir, Kind kind) {
        if (Files.isSymbolicLink(dir)) {
            return false;
        }
        Path marker = dir.resolve(MARKER);
        if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<String> lines = Files.lines(marker)) {
                String first = lines.findFirst().orElse("") + "\n";
                return kind == null ? Arrays.stream(Kind.values()).anyMatch(k -> k.markerText().equals(first))
                        : first.equals(kind.markerText());
            } catch (IOException | UncheckedIOException e) {
                return false;
            }
        }
        return kind != null && kind.legacyFiles.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    /**
     * The files InvariantLab wrote into the result {@code dir} (relative paths with {@code /}), as listed by its
     * marker; empty when the result predates that list (then which files are its own is unknown).
     */
    public static Optional<Set<String>> ownFiles(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(marker);
            int at = lines.indexOf(FILES_HEADING);
            if (at < 0) {
                return Optional.empty();
            }
            Set<String> own = new TreeSet<>(lines.subList(at + 1, lines.size()));
            own.add(MARKER);
            return Optional.of(own);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
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
                kind.id(), InvalidInputException.excerpt(example));
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

    /**
     * Moves the complete result into place. An earlier result is replaced only if allowed; files in it that
     * InvariantLab did not write (a user's notes, a comparison's {@code cell.json}) are copied into the new result
     * first. When that is impossible (a name clash, or an earlier result that does not list its own files), the
     * earlier result is moved aside to a visible {@code NAME.replaced-DATE} folder instead of being deleted. Either
     * way it is said on the log.
     */
    public void commit() {
        try {
            List<String> own = listFiles(staging);
            own.remove(MARKER);
            Files.writeString(staging.resolve(MARKER), kind.markerText() + FILES_HEADING + "\n"
                    + own.stream().map(f -> f + "\n").collect(Collectors.joining()));
            Path old = null;
            Path keptAside = null;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                checkWritable(target, kind, overwrite);
                Optional<Set<String>> earlier = ownFiles(target);
                List<String> foreign = listFiles(target);
                foreign.removeIf(f -> earlier.map(e -> e.contains(f)).orElse(false) || f.equals(MARKER));
                boolean clash = foreign.stream().anyMatch(f -> Files.exists(staging.resolve(f), LinkOption.NOFOLLOW_LINKS));
                if (!foreign.isEmpty() && (earlier.isEmpty() || clash)) {
                    keptAside = target.resolveSibling(target.getFileName() + ".replaced-"
                            + STAMP.format(LocalDateTime.now()));
                    Files.move(target, keptAside, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    for (String f : foreign) {
                        Path to = staging.resolve(f);
                        Files.createDirectories(to.getParent());
                        Files.copy(target.resolve(f), to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                    if (!foreign.isEmpty()) {
                        LOG.warn("kept {} file{} in {} that InvariantLab did not write: {}", foreign.size(),
                                foreign.size() == 1 ? "" : "s", target, summary(foreign));
                    }
                    old = target.resolveSibling("." + target.getFileName() + ".old-" + Leftovers.tag());
                    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            cleanup.close();
            if (old != null) {
                Leftovers.deleteTree(old);
            }
            if (keptAside != null) {
                LOG.warn("the earlier result in {} held files InvariantLab did not write; it was moved to {}, not "
                        + "deleted", target, keptAside);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the result into " + target + ": " + IoErrors.describe(e, target), e);
        }
    }

    /** Every file and link under {@code dir} (not folders), relative, with {@code /}, sorted. */
    private static List<String> listFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }

    private static String summary(List<String> files) {
        return files.size() <= 5 ? String.join(", ", files)
                : String.join(", ", files.subList(0, 5)) + " and " + (files.size() - 5) + " more";
    }

    @Override
    public void close() {
        if (!committed) {
            Leftovers.deleteTree(staging);
            cleanup.close();
        }
    }

    /** True if {@code dir} holds nothing but, perhaps, an (unheld) lock file of InvariantLab's. */
    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().equals(FolderLock.FILE)).findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
