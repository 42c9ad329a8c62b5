package org.invariantlab.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary files and folders that InvariantLab leaves beside a target while it writes (hidden staging
 * folders {@code .NAME.partial-PID-NANOS}, replaced results {@code .NAME.old-PID-NANOS}, temporary files
 * {@code .NAME.PID.NANOS.tmp}): their names, their removal when the JVM is interrupted, and the sweep of
 * ones left by a process that was killed.
 *
 * <p>Interrupts: a path handed to {@link #removeOnExit} is deleted by one JVM shutdown hook (Ctrl-C,
 * SIGTERM, {@code System.exit}) unless its registration was closed before, i.e. unless the work was
 * committed or cleaned up normally. A SIGKILL runs no hook; the next write to the same place then
 * {@linkplain #sweep sweeps} what is provably ours and not in use: a leftover whose name carries the id of a
 * process that is no longer alive. Leftovers in the older name format (no process id) are only reported.
 */
public final class Leftovers {

    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static final Pattern TAGGED = Pattern.compile("(\\d+)[-.](\\d+)(\\.tmp)?");
    private static volatile boolean hooked;

    /** Removes the registered path from the shutdown hook's list; idempotent. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private Leftovers() {
    }

    /** {@code PID-NANOS}: a unique suffix that names the writing process. */
    public static String tag() {
        return ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    /** {@code PID.NANOS}: the same for temporary files. */
    public static String fileTag() {
        return ProcessHandle.current().pid() + "." + System.nanoTime();
    }

    /** Deletes {@code path} (file or folder) if the JVM shuts down before {@link Registration#close()}. */
    public static Registration removeOnExit(Path path) {
        Path p = path.toAbsolutePath().normalize();
        installHook();
        PENDING.add(p);
        return () -> PENDING.remove(p);
    }

    private static synchronized void installHook() {
        if (hooked) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : List.copyOf(PENDING)) {
                deleteQuietly(p);
            }
        }, "invariantlab-cleanup"));
        hooked = true;
    }

    /**
     * Deletes the leftovers of dead processes in {@code dir} whose names start with {@code prefix} followed by
     * a process tag ({@link #tag()} or {@link #fileTag()} + {@code .tmp}); with {@code reportUntagged}, other
     * names with that prefix that are older than this process are reported as a warning (they may be leftovers
     * of an older version, or in use by another process, so they are not deleted). Returns the paths deleted.
     */
    public static List<Path> sweep(Path dir, String prefix, boolean reportUntagged) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        List<Path> candidates;
        try (Stream<Path> s = Files.list(dir)) {
            candidates = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            return removed; // an unreadable folder fails later, with its own message
        }
        for (Path p : candidates) {
            String rest = p.getFileName().toString().substring(prefix.length());
            Matcher m = TAGGED.matcher(rest);
            if (m.matches()) {
                long pid = Long.parseLong(m.group(1));
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive && deleteQuietly(p)) {
                    removed.add(p);
                    LOG.warn("removed {}, left by an interrupted InvariantLab process ({})", p, pid);
                }
            } else if (reportUntagged && olderThanThisProcess(p)) {
                LOG.warn("{} looks like the leftover of an interrupted InvariantLab run; delete it if no run is"
                        + " writing there", p);
            }
        }
        return removed;
    }

    private static boolean olderThanThisProcess(Path p) {
        try {
            Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
            return Files.getLastModifiedTime(p).toInstant().isBefore(started);
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a file or a folder tree; true if nothing is left. */
    static boolean deleteQuietly(Path p) {
        try {
            deleteTree(p);
            return true;
        } catch (UncheckedIOException e) {
            return !Files.exists(p);
        }
    }

    /** Deletes a file or a folder tree (absent is fine). */
    public static void deleteTree(Path p) {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }
}
