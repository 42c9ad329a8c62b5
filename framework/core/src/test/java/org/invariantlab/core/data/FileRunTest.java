package org.invariantlab.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.provenance.Provenance;
import org.invariantlab.core.registry.ExtensionPointsModule;
import org.invariantlab.core.job.DataFile;
import org.invariantlab.core.run.ResultReader;
import org.invariantlab.core.run.RingSystem;
import org.invariantlab.core.job.JobListener;
import org.invariantlab.core.run.RunMetrics;
import org.invariantlab.core.run.RunOutcome;
import org.invariantlab.core.run.RunSpec;
import org.invariantlab.core.run.Runner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A physicist's own file as the data of a run, end to end through the real trainer and reader: the ring's groups
 * (invariant {@code r2 = x² + y²}) written as {@code sample} writes them, or as a NumPy archive, are split by groups,
 * learned, and read back as {@code x²+y²} exactly when the suspected invariant is given; without it the run reports
 * the truth-free scores.
 */
class FileRunTest {

    /** A few seconds of training on 1,200 groups reach this on the ring (RunnerTest measures ≈ 0.99+). */
    private static final double MIN_ALIGNMENT = 0.95;

    @TempDir
    static Path tmp;

    private static InvariantLab lab;
    private static SystemModel ring;

    @BeforeAll
    static void start() throws IOException {
        lab = InvariantLab.start(Files.createDirectories(tmp.resolve("plugins")),
                binder -> ExtensionPointsModule.addBuiltIn(binder, PhysicalSystem.class).to(RingSystem.class));
        ring = new RingSystem().configure(Parameters.empty());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static RunSpec spec(DataFile file) {
        return new RunSpec(null, null, null, null, null, null, null, null, null,
                new RunSpec.Training(List.of(32, 32), "swish", 1, 8, 64, 3e-3, "cosine", 0), 5, file);
    }

    private static Path ringCsv(String name) {
        GroupedData data = ring.sample(new SamplingRequest(1500, 4, 11));
        Path csv = tmp.resolve(name);
        SampleExport.write(ring, data, csv, Provenance.now("test", 11, List.of()), false);
        return csv;
    }

    @Test
    void aSampledCsvWithItsSuspectedInvariantIsLearnedAndReadExactly() {
        Path csv = ringCsv("ring.csv");
        DataFile file = new DataFile(csv.toString(), null, null, null, null, null, null, Map.of("r2", "x^2+y^2"), null);
        Path out = tmp.resolve("csv-run");
        RunOutcome o = lab.services().getInstance(Runner.class).run(spec(file), out, false, "test", JobListener.silent());
        RunMetrics m = o.metrics();
        assertTrue(o.completed(), String.valueOf(o.statusMessage()));
        assertEquals("file:ring.csv", m.system());
        assertEquals(List.of("r2"), m.matchedInvariants());
        assertTrue(m.gradientAlignment() > MIN_ALIGNMENT, "alignment " + m.gradientAlignment());
        assertTrue(m.formulaExact(), "formula " + m.formula());
        assertEquals(List.of("r2"), m.formulaMatches());

        // the run can be re-read: the file is read and split again with the same seed
        ResultReader.Reading again = lab.services().getInstance(ResultReader.class).read(out, null, Map.of(), null, false, "test",
                JobListener.silent());
        assertEquals(m.gradientAlignment(), again.scores().gradientAlignment(), "the same test groups");
    }

    @Test
    void withoutSuspectedInvariantsTheRunReportsTruthFreeScores() {
        Path csv = ringCsv("ring-no-truth.csv");
        RunOutcome o = lab.services().getInstance(Runner.class).run(spec(DataFile.of(csv.toString())), tmp.resolve("csv-no-truth"), false, "test",
                JobListener.silent());
        RunMetrics m = o.metrics();
        assertTrue(o.completed(), String.valueOf(o.statusMessage()));
        assertEquals(List.of(), m.matchedInvariants());
        assertFalse(m.formulaExact(), "nothing to be exact against");
        assertTrue(m.formula().contains("x^2") && m.formula().contains("y^2"), m.formula());
        assertTrue(m.formulaFreshSpread() < 1e-6, "the formula is constant within the validation groups: "
                + m.formulaFreshSpread());
        assertNull(m.formulaError());
    }

    @Test
    void aNumpyArchiveWorksTheSameWay() throws IOException {
        GroupedData data = ring.sample(new SamplingRequest(1500, 4, 12));
        Path npz = tmp.resolve("ring.npz");
        NpyBytes.npz(npz, Map.of("states", NpyBytes.npy(new long[] {1500, 4, 2}, data.values())), true);
        DataFile file = new DataFile(npz.toString(), List.of("x", "y"), null, null, null, null, null,
                Map.of("r2", "x^2+y^2"), null);
        RunOutcome o = lab.services().getInstance(Runner.class).run(spec(file), tmp.resolve("npz-run"), false, "test", JobListener.silent());
        assertTrue(o.metrics().formulaExact(), "formula " + o.metrics().formula());
        String provenance = Files.readString(tmp.resolve("npz-run/provenance.json"));
        assertTrue(provenance.contains("\"spi\" : \"DataFile\"") && provenance.contains("sha256:"), provenance);
    }
}
