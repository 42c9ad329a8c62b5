package org.invariantlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.ConservedCounts;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.registry.ExtensionPointsModule;
import org.invariantlab.core.run.RingSystem;
import org.invariantlab.core.train.EpochStats;
import org.invariantlab.physics.dynamics.DynamicalSystem;
import org.invariantlab.physics.dynamics.Dynamics;
import org.invariantlab.physics.dynamics.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small grid end to end with the local executor: every cell runs once, a second call reuses them, a lost cell is
 * run again with the same metrics (same seed, same numbers), a changed grid is refused unless forced, and the report
 * is rebuilt from the stored cells byte for byte.
 */
class ComparisonTest {

    /** q' = p, p' = −q: the energy (q² + p²)/2 is conserved; 1 independent, 1 in involution. */
    public static final class Oscillator1d extends DynamicalSystem {
        public Oscillator1d() {
            super("test-oscillator-1d", "harmonic oscillator (test)", new StateSpace(List.of("q", "p"),
                    java.util.Optional.of(new CanonicalLayout(List.of(0), List.of(1)))), 6.0);
        }

        @Override
        protected Dynamics dynamics(Parameters p) {
            return Dynamics.of(s -> new double[] {s[1], -s[0]}, List.of(invariant("E", "(q^2 + p^2)/2", "energy",
                            s -> (s[0] * s[0] + s[1] * s[1]) / 2, s -> new double[] {s[0], s[1]})),
                    Range.symmetric(1), Range.symmetric(1)).withCounts(ConservedCounts.of(1, 1));
        }
    }

    static final String GRID = """
            name: small
            seeds: [1, 2]
            data:
              - {system: ring, methods: [siamese]}
              - {system: test-oscillator-1d, label: oscillator, methods: [svd]}
            methods:
              - name: siamese
                run:
                  data: {trainGroups: 1500, validationGroups: 300, testGroups: 500}
                  training: {hidden: [32, 32], latentSize: 1, epochs: EPOCHS, batchSize: 64}
              - name: svd
                count: {method: svd, epochs: 15, trajectories: 64, hidden: [16, 16], batchSize: 64}
            """;

    @TempDir
    static Path tmp;

    private static InvariantLab lab;

    @BeforeAll
    static void start() throws IOException {
        lab = InvariantLab.start(Files.createDirectories(tmp.resolve("plugins")), binder -> {
            ExtensionPointsModule.addBuiltIn(binder, PhysicalSystem.class).to(RingSystem.class);
            ExtensionPointsModule.addBuiltIn(binder, PhysicalSystem.class).to(Oscillator1d.class);
        });
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static GridPlan plan(int epochs) {
        return GridPlan.of(GridFile.parse(GRID.replace("EPOCHS", String.valueOf(epochs)), "small.yaml", tmp), false);
    }

    private static Comparison.Outcome run(GridPlan plan, Path out, boolean force) {
        return Comparison.run(lab.services().getInstance(CellWorker.class), plan, GRID, out, ExecutorsModule.executor(lab, "local"),
                CellExecutor.Options.defaults(), force, new Quiet());
    }

    @Test
    void aGridRunsOnceResumesWhatIsMissingAndRefusesToMixUnlikeResults() throws IOException {
        Path out = tmp.resolve("cmp");
        Comparison.Outcome first = run(plan(8), out, false);
        assertEquals(4, first.ran());
        assertEquals(0, first.errors());
        assertTrue(first.results().stream().allMatch(r -> r.status().equals("completed")),
                () -> first.results().stream().map(r -> r.cell().id() + " " + r.status() + " " + r.message()).toList()
                        .toString());
        for (String f : List.of("plan.json", "grid.yaml", "results.csv", "report.md", "report.html",
                "cells/ring--siamese--s1/cell.json", "cells/ring--siamese--s1/metrics.json",
                "cells/oscillator--svd--s2/count.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(5, Files.readAllLines(out.resolve("results.csv")).size(), "a header and one row per cell");
        CellResult ring = first.results().get(0);
        assertNotNull(ring.metrics().testAccuracy(), "a siamese run has a pair accuracy");
        CellResult osc = first.results().get(2);
        assertEquals(1, osc.metrics().trueIndependent(), "the declared count is carried into the cell");
        assertEquals(List.of(), ring.provenance().plugins(), "no plugins in this lab, and the provenance says so");

        Comparison.Outcome again = run(plan(8), out, false);
        assertEquals(4, again.reused());
        assertEquals(0, again.ran());

        // a cell lost (e.g. killed before its cell.json was written) is run again, to the same numbers
        Files.delete(out.resolve("cells/ring--siamese--s2/cell.json"));
        byte[] report = Files.readAllBytes(out.resolve("report.md"));
        Comparison.Outcome resumed = run(plan(8), out, false);
        assertEquals(3, resumed.reused());
        assertEquals(1, resumed.ran());
        assertEquals(List.of(), Rerun.differences(first.results().get(1), resumed.results().get(1)),
                "same seed, same metrics");

        // the report is a function of the stored cells
        Manifest manifest = Manifest.read(out);
        ComparisonReport.write(out, manifest, Comparison.stored(out, manifest));
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## ring") && md.contains("## oscillator"), md);
        assertFalse(new String(report).isEmpty());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\">"), "formulas as MathML");
        assertTrue(html.contains("src=\"data:image/png;base64,"), "plots inline");
        assertFalse(html.contains("<script") || html.contains("src=\"http") || html.contains("href=\"http"),
                "nothing is fetched from a network");

        // other settings under the same cell ids: refused, then forced
        String refused = assertThrows(InvalidInputException.class, () -> run(plan(9), out, false)).getMessage();
        assertTrue(refused.contains("holds 2 finished cells that this grid would run differently"), refused);
        assertTrue(refused.contains("ring--siamese--s1: its settings in the grid changed"), refused);
        Comparison.Outcome forced = run(plan(9), out, true);
        assertEquals(2, forced.ran(), "only the changed cells run again");
        assertEquals(2, forced.reused());
    }

    @Test
    void theReportIsRebuiltByteForByteFromStoredCells() throws IOException {
        Path out = tmp.resolve("cmp2");
        run(plan(8), out, false);
        List<byte[]> before = new ArrayList<>();
        for (String f : List.of("report.md", "report.html", "results.csv")) {
            before.add(Files.readAllBytes(out.resolve(f)));
        }
        Manifest manifest = Manifest.read(out);
        ComparisonReport.write(out, manifest, Comparison.stored(out, manifest));
        int i = 0;
        for (String f : List.of("report.md", "report.html", "results.csv")) {
            assertArrayEquals(before.get(i++), Files.readAllBytes(out.resolve(f)), f);
        }
    }

    @Test
    void aFolderThatIsNotAComparisonIsRefusedUntouched() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(other.resolve("notes.txt"), "keep");
        String m = assertThrows(InvalidInputException.class, () -> run(plan(8), other, true)).getMessage();
        assertTrue(m.contains("is not an InvariantLab comparison result"), m);
        assertEquals("keep", Files.readString(other.resolve("notes.txt")));
        assertEquals(1, Files.list(other).count());
    }

    @Test
    void anUnknownExecutorOrAnOptionItDoesNotHaveIsRefused() {
        String m = assertThrows(InvalidInputException.class, () -> ExecutorsModule.executor(lab, "slurm")).getMessage();
        assertTrue(m.startsWith("unknown executor 'slurm'; available: local"), m);
        m = assertThrows(InvalidInputException.class, () -> ExecutorsModule.executor(lab, "local")
                .check(new CellExecutor.Options(0, "local[2]"))).getMessage();
        assertTrue(m.contains("--master is the Spark master"), m);
    }

    private static final class Quiet implements Comparison.Progress {
        @Override
        public void reused(int cells, int total) {
        }

        @Override
        public void cellStarted(Cell cell, int done, int total, double etaSeconds) {
        }

        @Override
        public void cellFinished(CellResult result, int done, int total, double etaSeconds) {
        }

        @Override
        public void stage(String message) {
        }

        @Override
        public void epochCompleted(EpochStats stats) {
        }
    }
}
