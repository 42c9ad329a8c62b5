package org.invariantlab.executor.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;
import org.invariantlab.core.io.Leftovers;

/**
 * On a cluster's executor: deletes what the driver shipped into the executor's work folder (the jars and the
 * plugins, {@value Shipment#SHIPPED_PROPERTY}) when the executor's JVM ends. A standalone worker starts each
 * executor in a folder of its own ({@code work/app-…/N/}) and keeps it after the application, so without this every
 * run would leave a copy of the installation per executor there (Spark's own cleanup of old applications deletes
 * them only after {@code spark.worker.cleanup.appDataTtl}, seven days by default). Only the shipped names are
 * deleted, and only in the executor's working directory; the executor's logs stay.
 */
final class WorkerCleanup {

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    private WorkerCleanup() {
    }

    /** Once per executor JVM (on the driver, or without shipped files, nothing). */
    static void register() {
        SparkEnv env = SparkEnv.get();
        if (env == null || "driver".equals(env.executorId()) || !REGISTERED.compareAndSet(false, true)) {
            return;
        }
        List<String> names = names(env.conf().get(Shipment.SHIPPED_PROPERTY, ""));
        if (names.isEmpty()) {
            return;
        }
        Path folder = Path.of("").toAbsolutePath();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder, names), "invariantlab-cleanup"));
    }

    /** The file names of the comma-separated list, without any path (nothing outside the folder is named). */
    static List<String> names(String shipped) {
        return Stream.of(shipped.split(",")).map(String::strip)
                .filter(n -> !n.isEmpty() && !n.contains("/") && !n.contains("\\") && !n.equals(".")
                        && !n.equals(".."))
                .toList();
    }

    /** Deletes {@code folder/name} for each name, file or folder; what cannot be deleted is left. */
    static void delete(Path folder, List<String> names) {
        for (String name : names) {
            Path p = folder.resolve(name);
            try {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Leftovers.deleteTree(p);
                } else {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                // the JVM is ending: nothing to tell, and the worker's own cleanup remains
            }
        }
    }
}
