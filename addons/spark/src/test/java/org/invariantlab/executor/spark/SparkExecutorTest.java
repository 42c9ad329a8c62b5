package org.invariantlab.executor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.compare.Cell;
import org.invariantlab.core.compare.CellExecutor;
import org.invariantlab.core.compare.CellResult;
import org.invariantlab.core.compare.CellWorker;
import org.invariantlab.core.compare.Comparison;
import org.invariantlab.core.compare.ExecutorsModule;
import org.invariantlab.core.compare.GridFile;
import org.invariantlab.core.compare.GridPlan;
import org.invariantlab.core.compare.LocalExecutor;
import org.invariantlab.core.compare.Metric;
import org.invariantlab.core.train.EpochStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same grid run by the local executor and by Spark in local mode ({@code local[2]}, two cells at a time) gives
 * the same cells: every metric but the training time, and the formulas, are equal. Prints the wall time of both.
 */
class SparkExecutorTest {

    /** Two seeds of a small run (Lorentz, siamese pairs) and of a small count (2-d oscillator, singular values). */
    private static final String GRID = """
            name: spark-vs-local
            seeds: [1, 2]
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

    @TempDir
    Path tmp;

    @Test
    void sparkRunsEveryCellAndGetsWhatTheLocalExecutorGets() throws IOException {
        Path plugins = plugins();
        GridPlan plan = GridPlan.of(GridFile.parse(GRID, "grid.yaml", tmp), false);
        assertEquals(4, plan.cells().size());
        try (InvariantLab lab = InvariantLab.start(plugins)) {
            assertTrue(lab.problems().isEmpty(), () -> lab.problems().toString());
            assertTrue(ExecutorsModule.executors(lab).get(SparkExecutor.ID) instanceof SparkExecutor,
                    "the add-on's module is found through META-INF/services");

            // untimed: the first cells of a JVM load ND4J, OpenBLAS and Symja, whichever executor runs them
            Comparison.run(lab.services().getInstance(CellWorker.class), plan, GRID, tmp.resolve("warm-up"), new LocalExecutor(),
                    CellExecutor.Options.defaults(), false, new Quiet());

            long t0 = System.nanoTime();
            Comparison.Outcome local = Comparison.run(lab.services().getInstance(CellWorker.class), plan, GRID, tmp.resolve("local"), new LocalExecutor(),
                    CellExecutor.Options.defaults(), false, new Quiet());
            double localSeconds = (System.nanoTime() - t0) / 1e9;

            long t1 = System.nanoTime();
            Comparison.Outcome local2 = Comparison.run(lab.services().getInstance(CellWorker.class), plan, GRID, tmp.resolve("local-parallel"),
                    new LocalExecutor(), new CellExecutor.Options(2, null), false, new Quiet());
            double local2Seconds = (System.nanoTime() - t1) / 1e9;

            Quiet progress = new Quiet();
            long t2 = System.nanoTime();
            Comparison.Outcome spark = Comparison.run(lab.services().getInstance(CellWorker.class), plan, GRID, tmp.resolve("spark"), new SparkExecutor(),
                    new CellExecutor.Options(0, "local[2]"), false, progress);
            double sparkSeconds = (System.nanoTime() - t2) / 1e9;

            System.out.printf(Locale.ROOT, "SparkExecutorTest: %d cells, wall time: local executor %.1f s, local "
                            + "--parallel 2 %.1f s, Spark local[2] %.1f s (%+.1f s against local, %+.1f s against "
                            + "--parallel 2); %d cores%n", plan.cells().size(), localSeconds, local2Seconds,
                    sparkSeconds, sparkSeconds - localSeconds, sparkSeconds - local2Seconds,
                    Runtime.getRuntime().availableProcessors());
            assertEquals(0, local2.errors(), () -> local2.results().toString());

            for (Comparison.Outcome o : List.of(local, spark)) {
                assertEquals(4, o.ran());
                assertEquals(0, o.errors(), () -> o.results().toString());
                assertEquals(0, o.reused());
            }
            assertEquals(4, progress.started.size(), "every cell reported as started: " + progress.started);
            assertEquals(new TreeSet<>(progress.started), new TreeSet<>(progress.finished));

            Map<String, CellResult> byLocal = byId(local.results());
            Map<String, CellResult> bySpark = byId(spark.results());
            assertEquals(byLocal.keySet(), bySpark.keySet());
            for (Cell c : plan.cells()) {
                CellResult l = byLocal.get(c.id());
                CellResult s = bySpark.get(c.id());
                assertTrue(l.provenance().executor().startsWith("local on "), l.provenance().executor());
                assertTrue(s.provenance().executor().startsWith("spark on "), s.provenance().executor());
                assertEquals(l.cell(), s.cell(), c.id());
                assertEquals(l.status(), s.status(), c.id());
                assertNotNull(l.metrics(), c.id());
                for (Metric m : Metric.values()) {
                    if (m != Metric.TRAIN_SECONDS) {
                        assertEquals(m.of(l.metrics()), m.of(s.metrics()), c.id() + ": " + m.column());
                    }
                }
                assertEquals(l.metrics().formulas(), s.metrics().formulas(), c.id() + ": formulas");
                assertEquals(files(tmp.resolve("local/cells").resolve(c.id())),
                        files(tmp.resolve("spark/cells").resolve(c.id())), c.id() + ": the same files");
                assertEquals(s, Comparison.read(tmp.resolve("spark/cells").resolve(c.id())).orElseThrow());
            }
            assertTrue(Files.isRegularFile(tmp.resolve("spark/report.md")));
            try (Stream<Path> left = Files.list(tmp.resolve("spark/cells"))) {
                assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
                        .toList(), "no staging folder is left");
            }

            // run again: every cell is finished, so Spark is not even started
            Comparison.Outcome again = Comparison.run(lab.services().getInstance(CellWorker.class), plan, GRID, tmp.resolve("spark"), new SparkExecutor(),
                    new CellExecutor.Options(0, "local[2]"), false, new Quiet());
            assertEquals(4, again.reused());
            assertEquals(0, again.ran());
        }
    }

    @Test
    void refusesParallelAndAMissingOrBadMaster() {
        SparkExecutor e = new SparkExecutor();
        String parallel = assertThrows(InvalidInputException.class,
                () -> e.check(new CellExecutor.Options(2, "local[2]"))).getMessage();
        assertTrue(parallel.startsWith("--parallel is for the local executor"), parallel);
        String previous = System.clearProperty(SparkExecutor.MASTER_PROPERTY);
        try {
            String none = assertThrows(InvalidInputException.class,
                    () -> e.check(CellExecutor.Options.defaults())).getMessage();
            assertTrue(none.contains("give --master local[2]") && none.contains("spark-submit"), none);
            System.setProperty(SparkExecutor.MASTER_PROPERTY, "local[3]");
            e.check(CellExecutor.Options.defaults()); // spark-submit's master
        } finally {
            if (previous == null) {
                System.clearProperty(SparkExecutor.MASTER_PROPERTY);
            } else {
                System.setProperty(SparkExecutor.MASTER_PROPERTY, previous);
            }
        }
        String bad = assertThrows(InvalidInputException.class,
                () -> e.check(new CellExecutor.Options(0, "local[two]"))).getMessage();
        assertTrue(bad.contains("not a Spark master URL"), bad);
        for (String ok : List.of("local", "local[*]", "local[2]", "local[4,2]", "spark://head:7077", "yarn",
                "k8s://https://api:6443")) {
            e.check(new CellExecutor.Options(0, ok));
        }
        for (String msg : List.of(parallel, bad)) {
            assertFalse(msg.contains("\n"), "one line: " + msg);
        }
    }

    @Test
    void aFailedTaskIsReportedByItsReason() {
        String spark = "Job aborted due to stage failure: Task 1 in stage 0.0 failed 4 times, most recent failure: Lost "
                + "task 1.3 in stage 0.0 (TID 7) (10.0.0.5 executor 2): org.invariantlab.api.InvariantLabException: on "
                + "w5: plugins directory /x does not exist";
        assertEquals("on w5: plugins directory /x does not exist", SparkJob.taskFailure(spark));
        assertEquals("IOException: No space left on device", SparkJob.taskFailure(spark.replace(
                "org.invariantlab.api.InvariantLabException: on w5: plugins directory /x does not exist",
                "java.io.IOException: No space left on device")));
        assertEquals("Job aborted: something else", SparkJob.taskFailure("Job aborted: something else"));
    }

    /** The plugin jars of the reactor (copied by the build into target/test-plugins), in a plugins folder. */
    private Path plugins() throws IOException {
        Path from = Path.of(System.getProperty("invariantlab.test.plugins", "target/test-plugins"));
        Path to = Files.createDirectories(tmp.resolve("plugins"));
        List<Path> jars;
        try (Stream<Path> s = Files.list(from)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
        }
        assertEquals(2, jars.size(), "the lorentz and dynamics plugin jars in " + from);
        for (Path jar : jars) {
            Files.copy(jar, to.resolve(jar.getFileName()));
        }
        return to;
    }

    private static Map<String, CellResult> byId(List<CellResult> results) {
        return results.stream().collect(Collectors.toMap(r -> r.cell().id(), Function.identity()));
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** Records which cells started and finished; prints nothing. */
    private static final class Quiet implements Comparison.Progress {
        final List<String> started = new ArrayList<>();
        final List<String> finished = new ArrayList<>();

        @Override
        public void reused(int cells, int total) {
        }

        @Override
        public void cellStarted(Cell cell, int done, int total, double etaSeconds) {
            started.add(cell.id());
        }

        @Override
        public void cellFinished(CellResult result, int done, int total, double etaSeconds) {
            finished.add(result.cell().id());
        }

        @Override
        public void stage(String message) {
        }

        @Override
        public void epochCompleted(EpochStats stats) {
        }
    }
}
