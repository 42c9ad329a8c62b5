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
 * On a cluster's executor: deletes what Spark copied into the executor's work folder for the application (the files
 * of {@code spark.jars} and {@code spark.archives}, and the folders the archives were unpacked into) when the
 * executor's JVM ends, whichever route shipped them ({@code compare --master}, {@code spark-submit --jars}). A standalone worker starts each
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
        List<String> names = names(env.conf().get("spark.jars", ""), env.conf().get("spark.archives", ""));
        if (names.isEmpty()) {
            return;
        }
        Path folder = Path.of("").toAbsolutePath();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder, names), "invariantlab-cleanup"));
    }

    /**
     * The names Spark gives the fetched files in the executor's folder: the last path segment of each URI of
     * {@code spark.jars} (not {@code local:} ones, which stay where they are), and of each archive of
     * {@code spark.archives} with the folder it is unpacked into ({@code #NAME}, else the file's name).
     */
    static List<String> names(String jars, String archives) {
        List<String> names = new java.util.ArrayList<>();
        for (String uri : list(jars)) {
            if (!uri.startsWith("local:")) {
                names.add(lastSegment(uri));
            }
        }
        for (String uri : list(archives)) {
            int hash = uri.indexOf('#');
            String file = lastSegment(hash < 0 ? uri : uri.substring(0, hash));
            names.add(file);
            if (hash >= 0) {
                names.add(uri.substring(hash + 1));
            }
        }
        return names.stream().filter(WorkerCleanup::plainName).distinct().toList();
    }

    private static List<String> list(String commaSeparated) {
        return Stream.of(commaSeparated.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    private static String lastSegment(String uri) {
        String path = uri.replaceAll("[?#].*$", "");
        String name = path.substring(path.lastIndexOf('/') + 1);
        try {
            return java.net.URLDecoder.decode(name.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    /** A name inside the folder: no separator, not {@code .} or {@code ..}. */
    private static boolean plainName(String n) {
        return !n.isEmpty() && !n.contains("/") && !n.contains("\\") && !n.equals(".") && !n.equals("..");
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
