package org.invariantlab.executor.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.SparkConf;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.io.Leftovers;

/**
 * What a cluster's executors need to run cells, and how they get it, when {@code compare} itself is the driver
 * ({@code --master spark://…}, not {@code spark-submit}, which ships what its command line names).
 *
 * <ul>
 *   <li><b>Installed on the workers</b> ({@value #HOME_PROPERTY}{@code =/opt/invariantlab}, the same version as
 *       this one, on a standalone cluster): the executors' class path gets the installation's jars after Spark's
 *       (nothing is copied; {@code local:} URIs in {@code spark.jars} would still be copied into each executor's
 *       folder) and its {@code plugins/}; ND4J's flatbuffers-java goes first, ahead of the one a Spark release ships
 *       for Arrow.</li>
 *   <li><b>Shipped</b> (otherwise): the jars this process runs with, except Spark's own (the cluster has them), go
 *       as {@code spark.jars}, and the plugins directory as a zip in {@code spark.archives}, unpacked as
 *       {@value #PLUGINS_ALIAS}. Spark copies them into each executor's work folder; the executors delete them at
 *       their end ({@link WorkerCleanup}).</li>
 *   <li>Local masters run the tasks in this JVM: nothing is shipped. Under {@code spark-submit} ({@code spark.submit.deployMode}
 *       set), the jars are the command line's; the plugins too when {@code spark.invariantlab.plugins} is set.</li>
 * </ul>
 *
 * <p>Every setting is made only where the user has not made it. Executors of any non-local master also get the
 * launcher's JVM options (the Vector API module, headless AWT) and {@code OMP_NUM_THREADS}, so that a cell computes
 * exactly what it computes locally.
 */
final class Shipment implements AutoCloseable {

    /** Where an installation of this version is on every worker; unset: ship the jars and plugins. */
    static final String HOME_PROPERTY = "spark.invariantlab.home";
    /** The folder name under which the executors unpack the shipped plugins. */
    static final String PLUGINS_ALIAS = "invariantlab-plugins";

    private static final String EXECUTOR_OPTIONS = "--add-modules=jdk.incubator.vector -Djava.awt.headless=true";

    private final String summary;
    private final Path temporary;
    private final Leftovers.Registration cleanup;

    private Shipment(String summary, Path temporary) {
        this.summary = summary;
        this.temporary = temporary;
        this.cleanup = temporary == null ? null : Leftovers.removeOnExit(temporary);
    }

    /** One line for the log: what the executors get, and how. */
    String summary() {
        return summary;
    }

    /** True for the masters whose tasks run in this JVM. */
    static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /**
     * Adds to {@code conf} what the executors of {@code master} need.
     *
     * @param classPath   the jars this JVM runs with (the launcher's {@code lib/*.jar} and {@code lib/spark/*.jar})
     * @param executorJar this add-on's jar
     * @param sparkJar    a jar of Spark itself: the jars in its folder are the cluster's, not shipped
     * @param plugins     the plugins directory of this process
     */
    static Shipment prepare(SparkConf conf, String master, List<Path> classPath, Path executorJar, Path sparkJar,
                            Path plugins) {
        if (isLocal(master)) {
            return new Shipment("local master: the tasks run in this process", null);
        }
        String options = conf.get("spark.executor.extraJavaOptions", "").strip();
        if (!options.contains("jdk.incubator.vector")) { // the user's options kept, the launcher's added
            conf.set("spark.executor.extraJavaOptions", (options + " " + EXECUTOR_OPTIONS + vectorSetting()).strip());
        }
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS",
                Optional.ofNullable(System.getenv("OMP_NUM_THREADS")).orElse("1"));
        if (conf.contains("spark.submit.deployMode")) { // spark-submit: its command line ships what it names
            return new Shipment("jars as spark-submit's --jars names them; plugins from "
                    + conf.get(SparkExecutor.PLUGINS_PROPERTY, plugins.toString()), null);
        }
        List<Path> jars = shipped(classPath, executorJar, sparkJar);
        String home = conf.get(HOME_PROPERTY, "").strip();
        if (!home.isEmpty()) {
            return installed(conf, home, jars, executorJar);
        }
        return ship(conf, jars, plugins);
    }

    /**
     * The installation on the workers: its {@code lib/*.jar} and this add-on's jar go after Spark's own jars on the
     * executors' class path ({@code SPARK_DIST_CLASSPATH}, which a standalone worker appends), so nothing is copied
     * and Spark's libraries come first, as with {@code spark.jars}; ND4J's flatbuffers-java goes before them.
     */
    private static Shipment installed(SparkConf conf, String home, List<Path> jars, Path executorJar) {
        if (!home.startsWith("/")) {
            throw new InvalidInputException(HOME_PROPERTY + "=" + home + " is not an absolute path; give the folder "
                    + "where every worker has this installation, e.g. -D" + HOME_PROPERTY + "=/opt/invariantlab");
        }
        String base = home.endsWith("/") ? home.substring(0, home.length() - 1) : home;
        List<String> entries = new ArrayList<>();
        String flatbuffers = null;
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (jar.equals(executorJar)) {
                entries.add(base + "/lib/spark/" + name);
            } else if (name.startsWith("flatbuffers-java-")) {
                flatbuffers = base + "/lib/" + name;
            } else if (!isLoggingBackend(name)) {
                entries.add(base + "/lib/" + name);
            }
        }
        append(conf, "spark.executorEnv.SPARK_DIST_CLASSPATH", String.join(":", entries), false);
        if (flatbuffers != null) { // ND4J's, ahead of Arrow's newer one in a Spark release's jars/
            append(conf, "spark.executor.extraClassPath", flatbuffers, true);
        }
        conf.setIfMissing(SparkExecutor.PLUGINS_PROPERTY, base + "/plugins");
        return new Shipment("the installation at " + base + " on every worker: its jars after Spark's on the "
                + "executors' class path, its plugins (nothing copied)", null);
    }

    /**
     * The installation's logging backend and bridge (logback, log4j-api to SLF4J): an executor logs with Spark's
     * log4j 2, which refuses to start beside log4j-to-slf4j even after it on the class path.
     */
    static boolean isLoggingBackend(String jarName) {
        return jarName.startsWith("logback-") || jarName.startsWith("log4j-to-slf4j-");
    }

    /** Adds {@code entry} to a class-path-like setting, before or after what the user set. */
    private static void append(SparkConf conf, String key, String entry, boolean first) {
        append(conf, key, entry, ":", first);
    }

    private static void append(SparkConf conf, String key, String entry, String separator, boolean first) {
        String old = conf.get(key, "").strip();
        conf.set(key, old.isEmpty() ? entry : first ? entry + separator + old : old + separator + entry);
    }

    /** Nothing on the workers: the jars and a zip of the plugins go with the application. */
    private static Shipment ship(SparkConf conf, List<Path> jars, Path plugins) {
        long bytes = 0;
        for (Path jar : jars) {
            bytes += size(jar);
        }
        for (Path jar : jars) {
            if (jar.toString().contains(",")) {
                throw new InvalidInputException("the jar " + jar + " has a comma in its path, which Spark's list of jars "
                        + "cannot hold; install InvariantLab in a folder without commas");
            }
        }
        append(conf, "spark.jars", String.join(",", jars.stream().map(p -> p.toAbsolutePath().toString()).toList()),
                ",", false);
        Path temporary = null;
        if (conf.get(SparkExecutor.PLUGINS_PROPERTY, "").isBlank()) {
            temporary = temporaryFolder();
            Path zip = temporary.resolve(PLUGINS_ALIAS + ".zip");
            zip(plugins, zip);
            append(conf, "spark.archives", zip.toUri() + "#" + PLUGINS_ALIAS, ",", false); // a URI: spaces survive
            conf.set(SparkExecutor.PLUGINS_PROPERTY, PLUGINS_ALIAS);
        }
        return new Shipment(String.format(Locale.ROOT, "%d jars (%.0f MB) and the plugins shipped to every executor, "
                + "deleted from its work folder at its end (set %s to use an installation on the workers instead)",
                jars.size(), bytes / 1e6, HOME_PROPERTY), temporary);
    }

    /** The class path's jars, without Spark's own (those in the folder of {@code sparkJar}) but with the add-on's. */
    static List<Path> shipped(List<Path> classPath, Path executorJar, Path sparkJar) {
        Path sparkFolder = sparkJar == null ? null : sparkJar.toAbsolutePath().normalize().getParent();
        List<Path> jars = new ArrayList<>();
        for (Path p : classPath) {
            Path a = p.toAbsolutePath().normalize();
            if (!a.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(a)) {
                continue;
            }
            boolean own = executorJar != null && a.equals(executorJar.toAbsolutePath().normalize());
            if (own || sparkFolder == null || !sparkFolder.equals(a.getParent())) {
                jars.add(a);
            }
        }
        return jars;
    }

    /** The jar {@code type} was loaded from, or null (a class folder, or no code source). */
    static Path jarOf(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            return p.getFileName().toString().endsWith(".jar") ? p : null;
        } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The entries of {@code java.class.path}. */
    static List<Path> classPath() {
        String cp = System.getProperty("java.class.path", "");
        return Stream.of(cp.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static String vectorSetting() {
        String v = System.getProperty("invariantlab.vector");
        return v == null ? "" : " -Dinvariantlab.vector=" + v;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("invariantlab-spark-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the plugins' zip", e);
        }
    }

    /** The plugins directory's regular files (recursively), in name order so that the same plugins give the same zip. */
    static void zip(Path dir, Path zip) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("plugins directory " + dir + " does not exist; give --plugins-dir");
        }
        Path real;
        try {
            real = dir.toRealPath(); // a plugins folder that is a link: its target's files
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plugins folder " + dir + ": " + e.getMessage(), e);
        }
        try (Stream<Path> walk = Files.walk(real); OutputStream out = Files.newOutputStream(zip);
             ZipOutputStream z = new ZipOutputStream(out)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                ZipEntry e = new ZipEntry(real.relativize(p).toString().replace(java.io.File.separatorChar, '/'));
                e.setTime(0);
                z.putNextEntry(e);
                Files.copy(p, z);
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot zip the plugins of " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the plugins' zip (after Spark has stopped: the executors fetch it from this process). */
    @Override
    public void close() {
        if (temporary != null) {
            Leftovers.deleteTree(temporary);
            cleanup.close();
        }
    }
}
