package org.invariantlab.executor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.apache.spark.SparkConf;
import org.invariantlab.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code compare --master spark://…} gives the executors: nothing for a local master, the jars and a zip of the
 * plugins when nothing is on the workers, an installation's jars after Spark's when it is, and the command line's
 * own jars under {@code spark-submit}; every setting the user made is kept. The real cluster runs these settings in
 * SparkClusterTest (module addons/spark-cluster).
 */
class ShipmentTest {

    @TempDir
    Path tmp;

    private Path lib;
    private Path sparkLib;
    private Path executorJar;
    private Path plugins;
    private List<Path> classPath;

    private void installation() throws IOException {
        lib = Files.createDirectories(tmp.resolve("inst/lib"));
        sparkLib = Files.createDirectories(tmp.resolve("inst/lib/spark"));
        plugins = Files.createDirectories(tmp.resolve("inst/plugins"));
        Files.writeString(plugins.resolve("invariantlab-plugin-a-0.2.0.jar"), "a");
        Files.createDirectories(plugins.resolve("sub"));
        Files.writeString(plugins.resolve("sub/notes.txt"), "b");
        classPath = List.of(jar(lib, "invariantlab-cli-0.2.0.jar"), jar(lib, "flatbuffers-java-1.12.0.jar"),
                jar(lib, "logback-classic-1.6.6.jar"), jar(lib, "log4j-to-slf4j-2.25.2.jar"),
                jar(sparkLib, "spark-core_2.13-4.1.3.jar"), jar(sparkLib, "scala-library-2.13.17.jar"),
                executorJar = jar(sparkLib, "invariantlab-executor-spark-0.2.0.jar"), tmp.resolve("inst/classes"));
    }

    private static Path jar(Path dir, String name) throws IOException {
        return Files.writeString(dir.resolve(name), name);
    }

    private Shipment prepare(SparkConf conf, String master) {
        return Shipment.prepare(conf, master, classPath, executorJar, sparkLib.resolve("spark-core_2.13-4.1.3.jar"),
                plugins);
    }

    @Test
    void aLocalMasterGetsNothing() throws IOException {
        installation();
        SparkConf conf = new SparkConf(false);
        try (Shipment s = prepare(conf, "local[2]")) {
            assertEquals(0, conf.getAll().length, "no setting for a local master");
        }
    }

    @Test
    void withNothingOnTheWorkersTheJarsAndAZipOfThePluginsGoAlong() throws IOException {
        installation();
        SparkConf conf = new SparkConf(false);
        Path zip;
        try (Shipment s = prepare(conf, "spark://head:7077")) {
            List<String> jars = List.of(conf.get("spark.jars").split(","));
            assertEquals(List.of("invariantlab-cli-0.2.0.jar", "flatbuffers-java-1.12.0.jar", "logback-classic-1.6.6.jar",
                    "log4j-to-slf4j-2.25.2.jar", "invariantlab-executor-spark-0.2.0.jar"),
                    jars.stream().map(j -> Path.of(j).getFileName().toString()).toList(),
                    "the class path's jars without Spark's own, with the add-on's, without class folders");
            String archive = conf.get("spark.archives");
            assertTrue(archive.startsWith("file:") && archive.endsWith("#" + Shipment.PLUGINS_ALIAS), archive);
            zip = Path.of(java.net.URI.create(archive.substring(0, archive.indexOf('#'))));
            try (ZipFile z = new ZipFile(zip.toFile())) {
                assertEquals(List.of("invariantlab-plugin-a-0.2.0.jar", "sub/notes.txt"),
                        z.stream().map(e -> e.getName()).toList());
            }
            assertEquals(Shipment.PLUGINS_ALIAS, conf.get(SparkExecutor.PLUGINS_PROPERTY));
            assertEquals(List.of("invariantlab-cli-0.2.0.jar", "flatbuffers-java-1.12.0.jar", "logback-classic-1.6.6.jar",
                    "log4j-to-slf4j-2.25.2.jar", "invariantlab-executor-spark-0.2.0.jar", "invariantlab-plugins.zip",
                    "invariantlab-plugins"), WorkerCleanup.names(conf.get("spark.jars"), conf.get("spark.archives")),
                    "what the executors delete at their end");
            assertTrue(conf.get("spark.executor.extraJavaOptions").contains("--add-modules=jdk.incubator.vector"));
            assertTrue(conf.contains("spark.executorEnv.OMP_NUM_THREADS"));
        }
        assertFalse(Files.exists(zip), "the zip is deleted when the run ends");
    }

    @Test
    void anInstallationOnTheWorkersIsUsedWhereItIsWithoutCopies() throws IOException {
        installation();
        SparkConf conf = new SparkConf(false).set(Shipment.HOME_PROPERTY, "/opt/il/")
                .set("spark.executor.extraClassPath", "/site/x.jar")
                .set("spark.executor.extraJavaOptions", "-Dmine=1 --add-modules=jdk.incubator.vector");
        try (Shipment s = prepare(conf, "spark://head:7077")) {
            assertFalse(conf.contains("spark.jars"), "nothing to fetch: spark.jars would be copied");
            assertFalse(conf.contains("spark.archives"));
            assertEquals("/opt/il/lib/invariantlab-cli-0.2.0.jar:/opt/il/lib/spark/invariantlab-executor-spark-0.2.0.jar",
                    conf.get("spark.executorEnv.SPARK_DIST_CLASSPATH"),
                    "after Spark's jars, without the logging backend that Spark's log4j refuses");
            assertEquals("/opt/il/lib/flatbuffers-java-1.12.0.jar:/site/x.jar",
                    conf.get("spark.executor.extraClassPath"), "ND4J's flatbuffers first, the user's kept");
            assertEquals("/opt/il/plugins", conf.get(SparkExecutor.PLUGINS_PROPERTY));
            assertEquals("-Dmine=1 --add-modules=jdk.incubator.vector", conf.get("spark.executor.extraJavaOptions"),
                    "the user's options, which have the Vector API already, kept as they are");
        }
        SparkConf relative = new SparkConf(false).set(Shipment.HOME_PROPERTY, "opt/il");
        String m = assertThrows(InvalidInputException.class, () -> prepare(relative, "spark://h:7077")).getMessage();
        assertTrue(m.contains("not an absolute path"), m);
    }

    @Test
    void theUsersOwnJarsAndOptionsAreKeptBesideTheShippedOnes() throws IOException {
        installation();
        SparkConf conf = new SparkConf(false).set("spark.jars", "/site/extra.jar")
                .set("spark.executor.extraJavaOptions", "-Xss4m");
        try (Shipment s = prepare(conf, "spark://head:7077")) {
            assertTrue(conf.get("spark.jars").startsWith("/site/extra.jar,"), conf.get("spark.jars"));
            assertTrue(conf.get("spark.jars").endsWith("invariantlab-executor-spark-0.2.0.jar"));
            assertEquals("-Xss4m --add-modules=jdk.incubator.vector -Djava.awt.headless=true",
                    conf.get("spark.executor.extraJavaOptions"), "the launcher's options added to the user's");
        }
    }

    @Test
    void aPluginsFolderThatIsALinkIsZippedWithItsFiles() throws IOException {
        installation();
        Path link = Files.createSymbolicLink(tmp.resolve("plugins-link"), plugins);
        Path zip = tmp.resolve("p.zip");
        Shipment.zip(link, zip);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertEquals(2, z.size(), "the target's files, not an empty zip");
        }
    }

    @Test
    void underSparkSubmitTheCommandLinesJarsAreKept() throws IOException {
        installation();
        SparkConf conf = new SparkConf(false).set("spark.jars", "/a.jar,/b.jar").set("spark.submit.deployMode", "client")
                .set(SparkExecutor.PLUGINS_PROPERTY, "plugins");
        try (Shipment s = prepare(conf, "spark://head:7077")) {
            assertEquals("/a.jar,/b.jar", conf.get("spark.jars"));
            assertEquals("plugins", conf.get(SparkExecutor.PLUGINS_PROPERTY));
            assertFalse(conf.contains("spark.archives"));
        }
    }

    @Test
    void theExecutorDeletesOnlyTheShippedNamesInItsFolder() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work/app-1/0"));
        Files.writeString(work.resolve("a.jar"), "x");
        Files.writeString(work.resolve("b.jar"), "x");
        Files.createDirectories(work.resolve("invariantlab-plugins/sub"));
        Files.writeString(work.resolve("invariantlab-plugins/sub/p.jar"), "x");
        Files.writeString(work.resolve("stderr"), "log");
        Files.writeString(tmp.resolve("work/outside.jar"), "x");
        List<String> names = WorkerCleanup.names("spark://driver:4040/jars/a.jar, local:/opt/il/lib/b.jar,"
                + "file:/x/missing.jar,", "file:/tmp/p.zip#invariantlab-plugins,hdfs://n/x.tgz#..");
        assertEquals(List.of("a.jar", "missing.jar", "p.zip", "invariantlab-plugins", "x.tgz"), names,
                "the fetched names, not local: ones, none outside the folder");
        WorkerCleanup.delete(work, names);
        assertFalse(Files.exists(work.resolve("a.jar")));
        assertFalse(Files.exists(work.resolve("invariantlab-plugins")));
        assertTrue(Files.exists(work.resolve("stderr")), "the executor's log stays");
        assertTrue(Files.exists(work.resolve("b.jar")), "not named");
        assertTrue(Files.exists(tmp.resolve("work/outside.jar")));
    }

    @Test
    void theWorkerTimeoutIsAPositiveNumberOfSeconds() {
        assertEquals(SparkJob.DEFAULT_TIMEOUT, SparkJob.workerTimeout(new SparkConf(false)));
        assertEquals(30.0, SparkJob.workerTimeout(new SparkConf(false).set(SparkJob.TIMEOUT_PROPERTY, "30s")));
        for (String bad : List.of("0", "-5", "soon", "NaN")) {
            String m = assertThrows(InvalidInputException.class,
                    () -> SparkJob.workerTimeout(new SparkConf(false).set(SparkJob.TIMEOUT_PROPERTY, bad))).getMessage();
            assertTrue(m.contains("is not a number of seconds above 0"), m);
        }
    }

    @Test
    void knownLibraryConflictsAreExplained() {
        String lambda = "Job aborted due to stage failure: Task 0 in stage 0.0 failed 4 times, most recent failure: "
                + "Lost task 0.3 in stage 0.0 (TID 3) (127.0.0.1 executor 1): java.lang.ClassCastException: cannot "
                + "assign instance of java.lang.invoke.SerializedLambda to field org.apache.spark.rdd.MapPartitionsRDD.f";
        assertTrue(SparkJob.taskFailure(lambda).startsWith("the executors cannot load InvariantLab's classes"));
        String flat = lambda.replace("java.lang.ClassCastException: cannot assign instance of java.lang.invoke."
                + "SerializedLambda to field org.apache.spark.rdd.MapPartitionsRDD.f", "java.lang.NoSuchMethodError: "
                + "'void com.google.flatbuffers.Constants.FLATBUFFERS_1_12_0()'");
        assertTrue(SparkJob.taskFailure(flat).contains("flatbuffers-java that ND4J cannot use"));
    }
}
