package org.invariantlab.sparkcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * InvariantLab on a real Spark standalone cluster on this host: a master and two one-core workers, each a JVM of its
 * own started from Spark's classes ({@code target/spark-home/jars}, Spark 4.1.3 as Maven Central resolves it, with
 * Guava, failureaccess and Arrow's newer flatbuffers-java as a Spark release ships them). The installation is the
 * distribution module's with the Spark add-on unpacked into it, and every command is run through its launcher, as a
 * user would.
 *
 * <ol>
 *   <li>The command line's route, {@code compare --executor spark --master spark://…} with nothing installed on the
 *       workers: the same {@code results.csv} as {@code --executor local} (every column but the training time), the
 *       same files per cell, no WARN or ERROR line on the console, and the workers' work folders free of the shipped
 *       jars after the run.</li>
 *   <li>The {@code spark-submit} route of docs/spark.md: the same results, and its {@code --jars} and
 *       {@code --archives} gone from the work folders after the run too.</li>
 *   <li>The installation present on the workers ({@code spark.invariantlab.home}), a worker killed ({@code kill -9})
 *       after the first cell: its cells rerun on the other worker, the same results, nothing copied.</li>
 *   <li>No worker left: the run ends after {@code spark.invariantlab.workerTimeout} with one plain line and exit
 *       code 1; the cells that finished are kept.</li>
 *   <li>{@code spark-submit} with a Spark whose {@code jars/} has Guava without failureaccess: one plain line, exit
 *       code 1.</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterTest {

    /** Three seeds of a small run and a small count: six cells of 1–10 s on one core. */
    private static final String GRID = """
            name: cluster
            seeds: [1, 2, 3]
            data:
              - {system: lorentz, methods: [siamese]}
              - {system: oscillator-2d, methods: [svd]}
            methods:
              - name: siamese
                run:
                  data: {trainGroups: 4000, validationGroups: 500, testGroups: 1000}
                  training: {hidden: [16, 16], epochs: 3}
              - name: svd
                count: {method: svd, epochs: 10, trajectories: 64, hidden: [16, 16]}
            """;
    /** The column that may differ between executors: a wall time. */
    private static final String TIME_COLUMN = "train_seconds";
    /** How long a worker or the master may take to start and register (JVM start and Spark's services: 5–10 s). */
    private static final long START_SECONDS = 90;

    private Path work;
    private Path sparkHome;
    private Path installation;
    private Path grid;
    private String masterUrl;
    private final List<Process> daemons = new ArrayList<>();
    private Process master;
    private final Process[] workers = new Process[2];
    private List<String> local;

    @BeforeAll
    void startTheClusterAndRunLocally() throws Exception {
        work = Path.of(System.getProperty("invariantlab.test.work", "target/cluster")).toAbsolutePath();
        sparkHome = Path.of(System.getProperty("invariantlab.test.sparkHome", "target/spark-home")).toAbsolutePath();
        Path built = Path.of(System.getProperty("invariantlab.test.installation", "../../distribution/target/invariantlab"));
        Path addon = Path.of(System.getProperty("invariantlab.test.addon",
                "../spark/target/invariantlab-spark-0.2.0.tar.gz"));
        assertTrue(Files.isDirectory(sparkHome.resolve("jars")), "Spark's jars in " + sparkHome + " (process-test-resources)");
        assertTrue(Files.isRegularFile(built.resolve("bin/invariantlab")), "the installation " + built
                + ": build it first (mvn -Pspark package at the root)");
        assertTrue(Files.isRegularFile(addon), "the Spark add-on " + addon + ": build it first (mvn -Pspark package)");
        deleteTree(work);
        Files.createDirectories(work);
        installation = install(built.toAbsolutePath(), addon.toAbsolutePath());
        grid = Files.writeString(work.resolve("grid.yaml"), GRID);

        int port = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        master = daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        for (int i = 0; i < 2; i++) {
            workers[i] = startWorker(i);
        }
        awaitLog(work.resolve("master.log"), "Registering worker", 2);

        Run run = invariantlab(Map.of(), "compare", grid.toString(), "--out", work.resolve("local").toString());
        assertEquals(0, run.code, run.output);
        local = results(work.resolve("local"));
        assertEquals(7, local.size(), "a header and six cells");
    }

    @AfterAll
    void stopTheCluster() {
        for (Process p : daemons) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void theCommandLineShipsTheInstallationItselfAndTheWorkersKeepNothing() throws Exception {
        Path out = work.resolve("cli");
        Run run = invariantlab(Map.of(), "compare", grid.toString(), "--executor", "spark", "--master", masterUrl,
                "--out", out.toString());
        assertEquals(0, run.code, run.output);
        assertEquals(local, results(out), "the cluster's cells are the local executor's (times aside)");
        assertSameFiles(work.resolve("local"), out);
        List<String> noisy = run.output.lines().filter(l -> l.startsWith("WARN") || l.startsWith("ERROR")).toList();
        assertEquals(List.of(), noisy, "a quiet console:\n" + run.output);
        // the executors delete what was shipped when they end, a few seconds after the driver
        assertEventually(() -> shippedLeft().isEmpty(), 30, () -> "shipped files left in the work folders: "
                + shippedLeft());
    }

    @Test
    @Order(2)
    void sparkSubmitRunsTheSameCells() throws Exception {
        Path out = work.resolve("submit");
        Run run = run(sparkSubmit(sparkHome.resolve("jars"), out), Map.of("SPARK_HOME", sparkHome.toString(),
                "SPARK_SCALA_VERSION", "2.13"));
        assertEquals(0, run.code, run.output);
        assertEquals(local, results(out));
        assertSameFiles(work.resolve("local"), out);
        assertEventually(() -> shippedLeft().isEmpty(), 30, () -> "--jars and --archives left in the work "
                + "folders: " + shippedLeft());
    }

    /** A Spark whose jars/ has Guava without failureaccess: one plain line, exit code 1, before any cell. */
    @Test
    @Order(5)
    void aSparkWithoutFailureaccessIsNamed() throws Exception {
        Path jars = Files.createDirectories(work.resolve("spark-without-failureaccess/jars"));
        try (Stream<Path> s = Files.list(sparkHome.resolve("jars"))) {
            for (Path jar : s.filter(p -> !p.getFileName().toString().startsWith("failureaccess-")).toList()) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            }
        }
        Run run = run(sparkSubmit(jars, work.resolve("no-failureaccess")), Map.of());
        assertEquals(1, run.code, run.output);
        List<String> errors = run.output.lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), run.output);
        assertTrue(errors.get(0).contains("has no failureaccess beside it") && errors.get(0).contains("guava-"),
                errors.get(0));
        assertTrue(run.output.lines().noneMatch(l -> l.startsWith("Exception in thread")), run.output);
    }

    /** The spark-submit command of docs/spark.md, with Spark's jars from {@code sparkJars}. */
    private List<String> sparkSubmit(Path sparkJars, Path out) throws IOException {
        Path plugins = work.resolve("plugins.zip");
        if (!Files.exists(plugins)) {
            zip(installation.resolve("plugins"), plugins);
        }
        String cli;
        List<String> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(installation.resolve("lib"))) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            cli = all.stream().filter(p -> p.getFileName().toString().startsWith("invariantlab-cli-")).findFirst()
                    .orElseThrow().toString();
            all.stream().map(Path::toString).filter(p -> !p.equals(cli)).forEach(jars::add);
        }
        try (Stream<Path> s = Files.list(installation.resolve("lib/spark"))) {
            s.filter(p -> p.getFileName().toString().startsWith("invariantlab-executor-spark-")).map(Path::toString)
                    .forEach(jars::add);
        }
        return List.of(java(), "-cp", sparkJars + "/*",
                "org.apache.spark.deploy.SparkSubmit", "--master", masterUrl, "--deploy-mode", "client",
                "--class", "org.invariantlab.cli.Main", "--jars", String.join(",", jars),
                "--archives", plugins + "#plugins", "--conf", "spark.invariantlab.plugins=plugins",
                "--driver-java-options", "--add-modules jdk.incubator.vector -Djava.awt.headless=true",
                "--conf", "spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector -Djava.awt.headless=true",
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=1", "--conf", "spark.log.level=WARN",
                cli, "compare", grid.toString(), "--executor", "spark", "--plugins-dir",
                installation.resolve("plugins").toString(), "--out", out.toString());
    }

    @Test
    @Order(3)
    void aWorkerKilledMidGridLeavesItsCellsToTheOther() throws Exception {
        Path out = work.resolve("killed");
        Path log = work.resolve("killed.log");
        Process p = start(List.of(installation.resolve("bin/invariantlab").toString(), "compare", grid.toString(),
                        "--executor", "spark", "--master", masterUrl, "--out", out.toString()),
                Map.of("JAVA_OPTS", "-Dspark.invariantlab.home=" + installation), log);
        awaitLog(log, ": completed in", 1);
        long killed = workers[1].pid();
        workers[1].destroyForcibly(); // kill -9: the worker's executor loses its worker and ends too
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the run ends");
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("Lost executor"), "the driver lost the killed worker's executor mid-grid:\n" + output);
        assertEquals(local, results(out), "every cell, and the same cells, after worker " + killed + " was killed");
        try (Stream<Path> s = Files.walk(work.resolve("worker-0"))) {
            assertEquals(List.of(), s.filter(f -> f.toString().endsWith(".jar")).toList(),
                    "with the installation on the workers nothing is copied into their work folders");
        }
    }

    @Test
    @Order(4)
    void withNoWorkerLeftTheRunEndsWithAPlainLine() throws Exception {
        workers[0].descendants().forEach(ProcessHandle::destroyForcibly);
        workers[0].destroyForcibly();
        assertTrue(workers[0].waitFor(30, TimeUnit.SECONDS));
        Path out = work.resolve("no-worker");
        long t0 = System.nanoTime();
        Run run = invariantlab(Map.of("JAVA_OPTS", "-Dspark.invariantlab.workerTimeout=15"), "compare",
                grid.toString(), "--executor", "spark", "--master", masterUrl, "--out", out.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(1, run.code, run.output);
        List<String> errors = run.output.lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), run.output);
        assertTrue(errors.get(0).startsWith("error: no Spark executor for 15 s (master " + masterUrl + ")"),
                errors.get(0));
        assertTrue(seconds < 15 + START_SECONDS, "ends after the timeout, not never: " + seconds + " s");
        assertTrue(Files.isRegularFile(out.resolve("plan.json")), "the comparison's folder stays, to be resumed");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The built installation, its jars linked, with the add-on unpacked (the built folder is left as it is). */
    private Path install(Path built, Path addon) throws IOException, InterruptedException {
        Path inst = work.resolve("invariantlab");
        Files.createDirectories(inst.resolve("lib"));
        try (Stream<Path> s = Files.list(built)) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().equals("lib")) {
                    Run cp = run(List.of("cp", "-r", p.toString(), inst.toString()), Map.of());
                    assertEquals(0, cp.code, cp.output);
                }
            }
        }
        try (Stream<Path> s = Files.list(built.resolve("lib"))) {
            for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.createSymbolicLink(inst.resolve("lib").resolve(jar.getFileName()), jar);
            }
        }
        Run tar = run(List.of("tar", "xzf", addon.toString(), "-C", inst.toString()), Map.of());
        assertEquals(0, tar.code, tar.output);
        return inst;
    }

    private Process startWorker(int i) throws IOException {
        Path dir = Files.createDirectories(work.resolve("worker-" + i));
        return daemon("worker-" + i, "org.apache.spark.deploy.worker.Worker", masterUrl, "--host", "127.0.0.1",
                "--cores", "1", "--memory", "3g", "--work-dir", dir.toString(), "--webui-port", "0");
    }

    private Process daemon(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-cp", sparkHome.resolve("jars") + "/*",
                mainClass));
        command.addAll(List.of(args));
        Process p = start(command, Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13"),
                work.resolve(name + ".log"));
        daemons.add(p);
        return p;
    }

    private Run invariantlab(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(installation.resolve("bin/invariantlab").toString()));
        command.addAll(List.of(args));
        return run(command, env);
    }

    private record Run(int code, String output) {
    }

    private Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "run-", ".log");
        Process p = start(command, env, log);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "finishes: " + command);
        return new Run(p.exitValue(), Files.readString(log));
    }

    private Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        b.environment().put("OMP_NUM_THREADS", "1");
        b.environment().remove("JAVA_OPTS");
        b.environment().putAll(env);
        return b.start();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** results.csv without the time column. */
    private static List<String> results(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        List<String> header = List.of(lines.get(0).split(",", -1));
        int t = header.indexOf(TIME_COLUMN);
        assertTrue(t >= 0, "results.csv has " + TIME_COLUMN);
        return lines.stream().map(l -> {
            List<String> cells = new ArrayList<>(List.of(l.split(",", -1)));
            cells.remove(t);
            return String.join(",", cells);
        }).toList();
    }

    private static void assertSameFiles(Path a, Path b) throws IOException {
        assertEquals(files(a.resolve("cells")), files(b.resolve("cells")), "the same files in every cell");
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** Jars or the plugins' folder still in a worker's work folders. */
    private List<String> shippedLeft() {
        List<String> left = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (Stream<Path> s = Files.walk(work.resolve("worker-" + i))) {
                s.filter(p -> p.toString().endsWith(".jar") || p.getFileName().toString().startsWith("invariantlab-plugins"))
                        .forEach(p -> left.add(p.toString()));
            } catch (IOException e) {
                left.add(e.toString());
            }
        }
        return left;
    }

    private static void awaitLog(Path log, String text, int times) throws Exception {
        assertEventually(() -> count(log, text) >= times, START_SECONDS, () -> "'" + text + "' " + times
                + " time(s) in " + log + ":\n" + tail(log));
    }

    private static int count(Path log, String text) {
        try {
            return (int) Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream().filter(l -> l.contains(text))
                    .count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> l = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", l.subList(Math.max(0, l.size() - 20), l.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void assertEventually(Check check, double seconds, java.util.function.Supplier<String> message)
            throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (!check.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(message.get());
            }
            Thread.sleep(250);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void zip(Path dir, Path zip) throws IOException {
        try (Stream<Path> walk = Files.walk(dir); OutputStream out = Files.newOutputStream(zip);
             ZipOutputStream z = new ZipOutputStream(out)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(dir.relativize(p).toString()));
                try (InputStream in = Files.newInputStream(p)) {
                    in.transferTo(z);
                }
                z.closeEntry();
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(f);
            }
        }
    }
}
