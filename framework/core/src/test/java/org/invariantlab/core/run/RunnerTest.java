package org.invariantlab.core.run;

import org.invariantlab.core.job.JobListener;
import org.invariantlab.core.score.CorrelationTrack;
import org.invariantlab.core.score.GroupCorrelation;
import org.invariantlab.core.job.ResultDirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.Interpretation;
import org.invariantlab.api.symbolic.InterpretationContext;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.registry.ExtensionPointsModule;
import org.invariantlab.core.registry.UnknownExtensionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the real trainer, scorer and Symja interpreter on a 2-d rotation problem. */
class RunnerTest {

    /** A few seconds of training on 3000 pairs reaches this on the ring; measured ≈ 0.99+. */
    private static final double MIN_ALIGNMENT = 0.95;
    private static final double MIN_TEST_ACCURACY = 0.85;
    /** A latent aligned with r2's gradient to ≥ 0.95 is close to monotone in r2: its rank correlation stays near 1. */
    private static final double MIN_SPEARMAN = 0.95;

    @TempDir
    static Path tmp;

    private static InvariantLab lab;

    @BeforeAll
    static void start() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        lab = InvariantLab.start(plugins, binder -> {
            ExtensionPointsModule.addBuiltIn(binder, PhysicalSystem.class).to(RingSystem.class);
            ExtensionPointsModule.addBuiltIn(binder, SymbolicInterpreter.class).to(FailingInterpreter.class);
        });
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static RunSpec small() {
        return RunSpec.of("ring").withSeed(5)
                .withData(new RunSpec.Data(1500, 300, 500, 2))
                .withTraining(new RunSpec.Training(List.of(32, 32), "swish", 1, 8, 64, 3e-3, "cosine", 0));
    }

    @Test
    void aRunLearnsTheInvariantAndWritesACompleteResult() throws IOException {
        Path out = tmp.resolve("ring-run");
        RunOutcome o = lab.services().getInstance(Runner.class).run(small(), out, false, "test", JobListener.silent());
        assertTrue(o.completed(), String.valueOf(o.statusMessage()));
        assertFalse(Files.exists(out.resolve(Runner.CORRELATION_HISTORY)), "nothing followed unless asked");
        assertTrue(o.metrics().trackedCorrelation().isEmpty());
        assertTrue(o.metrics().gradientAlignment() > MIN_ALIGNMENT, "alignment " + o.metrics().gradientAlignment());
        assertTrue(o.metrics().testAccuracy() > MIN_TEST_ACCURACY, "test accuracy " + o.metrics().testAccuracy());
        assertEquals(List.of("r2"), o.metrics().matchedInvariants());
        for (String f : List.of("spec.yaml", "metrics.json", "provenance.json", "formula.json", "history.csv",
                "model/model.zip", "model/standardization.json", "latent_vs_r2.png", "training.png")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " written");
        }
        String formula = o.metrics().formula();
        assertTrue(formula.contains("x^2") && formula.contains("y^2"), "formula reads as a function of x²+y²: " + formula);
        assertEquals(true, o.metrics().formulaExact(), "x²+y² up to an affine map: " + formula);
        assertEquals(List.of("r2"), o.metrics().formulaMatches());
        assertEquals(List.of(), o.metrics().formulaFlags());
        String json = Files.readString(out.resolve("metrics.json"));
        for (String key : List.of("system", "seed", "train_accuracy", "test_accuracy", "gradient_alignment", "formula",
                "formula_latex", "train_seconds", "examples_per_second")) {
            assertTrue(json.contains("\"" + key + "\" : "), "metrics.json has " + key);
        }
        // the throughput a user reads is examples × epochs over the training time they waited (validation included)
        RunMetrics rm = o.metrics();
        assertEquals(rm.trainExamples() * (double) rm.epochsRun() / rm.trainSeconds(), rm.examplesPerSecond(),
                1e-9 * rm.examplesPerSecond());
        assertEquals(o.metrics(), ResultReader.readMetrics(out.resolve("metrics.json")),
                "metrics.json reads back as the same typed metrics");
        RunSpec written = SpecFiles.read(out.resolve("spec.yaml"));
        assertEquals(lab.services().getInstance(Runner.class).resolve(small()), written, "spec.yaml is the fully resolved spec");
        String provenance = Files.readString(out.resolve("provenance.json"));
        assertTrue(provenance.contains("\"origin\" : \"built-in\"") && provenance.contains("\"seed\" : 5"), provenance);
    }

    @Test
    void readReReadsASavedModelWithoutRetrainingAndKeepsTheOldResult() throws IOException {
        Path out = tmp.resolve("ring-to-read");
        RunOutcome o = lab.services().getInstance(Runner.class).run(small(), out, false, "test", JobListener.silent());
        byte[] oldMetrics = Files.readAllBytes(out.resolve("metrics.json"));
        ResultReader reader = lab.services().getInstance(ResultReader.class);

        ResultReader.Reading printed = reader.read(out, null, Map.of("fit", "linear"), null, false, "test",
                JobListener.silent());
        assertEquals(null, printed.written(), "without --out nothing is written");
        assertEquals("linear", printed.spec().interpreterParams().get("fit"));
        assertEquals(o.metrics().gradientAlignment(), printed.scores().gradientAlignment(),
                "the same model on the same test groups");
        assertTrue(printed.formulas().readings().get(0).reading().startsWith("linear fit"),
                printed.formulas().readings().get(0).reading());

        Path again = tmp.resolve("ring-read-again");
        ResultReader.Reading written = reader.read(out, null, Map.of("maxDegree", "2"), again, false, "test",
                JobListener.silent());
        assertEquals(again.toAbsolutePath().normalize(), written.written());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(out.resolve("model/model.zip")),
                Files.readAllBytes(again.resolve("model/model.zip"))), "the model is copied, not retrained");
        assertEquals("2", SpecFiles.read(again.resolve("spec.yaml")).interpreterParams().get("maxDegree"));
        assertTrue(Files.readString(again.resolve("metrics.json")).contains("\"formula_exact\" : true"));
        assertTrue(java.util.Arrays.equals(oldMetrics, Files.readAllBytes(out.resolve("metrics.json"))),
                "the result read is never changed");

        InvariantLabException notAResult = assertThrows(InvariantLabException.class,
                () -> reader.read(tmp.resolve("plugins"), null, Map.of(), null, false, "test", JobListener.silent()));
        assertTrue(notAResult.getMessage().contains("is not the result of a run"), notAResult.getMessage());
    }

    @Test
    void aNewReadingJudgesTheRunAgainSoAStoredShortcutWithConservedFormulasIsCompleted() throws IOException {
        Path out = tmp.resolve("ring-shortcut");
        RunOutcome o = lab.services().getInstance(Runner.class).run(small(), out, false, "test", JobListener.silent());
        assertEquals(RunStatus.COMPLETED, o.status(), "the ring's small run learns r2");
        // the same run as if an earlier reading had found only non-conserved formulas
        Path metrics = out.resolve("metrics.json");
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"status\" : \"completed\""), json);
        Files.writeString(metrics, json.replace("\"status\" : \"completed\"", "\"status\" : \"shortcut\""));
        ResultReader reader = lab.services().getInstance(ResultReader.class);

        Path again = tmp.resolve("ring-shortcut-read");
        ResultReader.Reading r = reader.read(out, null, Map.of("maxDegree", "2"), again, false, "test",
                JobListener.silent());
        assertEquals(RunStatus.SHORTCUT, r.stored());
        assertEquals(RunStatus.COMPLETED, r.verdict().status(), "an exact formula read from the same network: no shortcut");
        assertTrue(r.statusChanged());
        assertEquals(RunStatus.COMPLETED, ResultReader.readMetrics(again.resolve("metrics.json")).status(),
                "the new result carries the new status");
        assertEquals(RunStatus.SHORTCUT, ResultReader.readMetrics(metrics).status(), "the run read is never changed");
    }

    @Test
    void haJeongsProtocolTestsOnMoreStatesOfTheTrainingGroupsAndKeepsTheFreshGroupsScore() throws IOException {
        Runner runner = lab.services().getInstance(Runner.class);
        RunSpec.Data d = new RunSpec.Data(300, 100, 200, 6, 0.0, RunSpec.TestFrom.TRAINING_GROUPS);
        RunSpec spec = runner.resolve(small().withData(d));
        Runner.Resolved r = runner.resolveExtensions(spec);
        Runner.Splits splits = Runner.splits(spec, r, RunSeeds.of(spec.seed()));
        assertEquals(300, splits.test().groups(), "the test groups are the training groups");
        assertEquals(6, splits.test().perGroup());
        for (int g = 0; g < 300; g += 37) {
            double[] a = splits.train().state(g, 0);
            double[] b = splits.test().state(g, 5);
            assertEquals(a[0] * a[0] + a[1] * a[1], b[0] * b[0] + b[1] * b[1], 1e-9,
                    "group " + g + ": test states lie on the training group's circle");
            assertTrue(a[0] != b[0], "but are other states of it");
        }
        RunOutcome o = runner.run(small().withData(d), tmp.resolve("ring-protocol"), false, "test", JobListener.silent());
        GroupCorrelation test = o.metrics().correlation().get("r2");
        GroupCorrelation fresh = o.metrics().freshCorrelation().get("r2");
        assertEquals(300, test.groups(), "scored on the training groups' other states");
        assertEquals(200, fresh.groups(), "and on testGroups fresh groups");
        assertTrue(test.spearman() > MIN_SPEARMAN && fresh.spearman() > MIN_SPEARMAN, test + " / " + fresh);
        assertTrue(Files.readString(tmp.resolve("ring-protocol/spec.yaml")).contains("testFrom: training-groups"));
        assertFalse(SpecFiles.toYaml(small()).contains("testFrom"), "the default is not written: older specs read the same");
    }

    @Test
    void theCorrelationFollowedDuringTrainingIsTheRunsOwnAtTheKeptEpochAndPeaksAtLeastThere() throws IOException {
        RunSpec spec = small().withTraining(small().training().withTrackEvery(1));
        Path out = tmp.resolve("ring-followed");
        RunOutcome o = lab.services().getInstance(Runner.class).run(spec, out, false, "test", JobListener.silent());
        List<String> lines = Files.readAllLines(out.resolve(Runner.CORRELATION_HISTORY));
        assertEquals("epoch,abs_r_r2", lines.get(0));
        assertEquals(1 + o.metrics().epochsRun(), lines.size(), "every epoch followed at trackEvery 1");
        double atKept = Double.parseDouble(lines.get(o.metrics().bestEpoch()).split(",")[1]);
        double scored = o.metrics().correlation().get("r2").pearson();
        // same states, same network, same Pearson: only the CSV's six decimals differ
        assertEquals(scored, atKept, 5e-7, "the followed |r| at the kept epoch is the one the run reports");
        CorrelationTrack.Peak peak = o.metrics().trackedCorrelation().get("r2");
        assertTrue(peak.absR() >= scored - 5e-7, "the highest followed |r| is at least the kept epoch's: " + peak);
        assertTrue(Files.readString(out.resolve("spec.yaml")).contains("trackEvery: 1"));
        assertFalse(SpecFiles.toYaml(small()).contains("trackEvery"), "the default is not written: older specs read the same");
    }

    @Test
    void aRunThatStopsEarlyFollowsItsLastEpoch() throws IOException {
        // patience 1 over 60 epochs: the validation loss of a small ring network fails to improve long before the end
        RunSpec spec = small().withTraining(new RunSpec.Training(List.of(32, 32), "swish", 1, 60, 64, 3e-3, "cosine", 1,
                7));
        Path out = tmp.resolve("ring-followed-early");
        RunOutcome o = lab.services().getInstance(Runner.class).run(spec, out, false, "test", JobListener.silent());
        assertTrue(o.metrics().epochsRun() < 60, "stopped early: " + o.metrics().epochsRun());
        List<String> lines = Files.readAllLines(out.resolve(Runner.CORRELATION_HISTORY));
        assertEquals(String.valueOf(o.metrics().epochsRun()), lines.get(lines.size() - 1).split(",")[0],
                "the last epoch trained is followed");
    }

    @Test
    void theDefaultLatentSizeIsTheNumberOfIndependentInvariantsOfTheData() {
        assertEquals(RunSpec.Training.AUTO_LATENT_SIZE, RunSpec.of("ring").training().latentSize());
        assertEquals(1, lab.services().getInstance(Runner.class).resolve(RunSpec.of("ring")).training().latentSize(), "the ring has one: r2");
    }

    /** An interpreter that cannot read anything, as with a collapsed latent. */
    public static final class FailingInterpreter implements SymbolicInterpreter {
        @Override
        public String id() {
            return "failing";
        }

        @Override
        public String description() {
            return "always fails (test)";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of();
        }

        @Override
        public Interpretation interpret(ScalarField f, InterpretationContext context, Parameters parameters) {
            throw new InvariantLabException("f is constant on the states (test)");
        }
    }

    @Test
    void aFailedReadingKeepsTheTrainedModelAndSaysWhy() throws IOException {
        Path out = tmp.resolve("ring-unreadable");
        RunSpec spec = small();
        spec = new RunSpec(spec.system(), spec.systemParams(), spec.sampler(), spec.samplerParams(), spec.head(),
                spec.headParams(), "failing", Map.of(), spec.data(), spec.training(), spec.seed());
        RunOutcome o = lab.services().getInstance(Runner.class).run(spec, out, false, "test", JobListener.silent());
        assertTrue(o.completed());
        assertEquals("f is constant on the states (test)", o.metrics().formulaError());
        assertEquals("", o.metrics().formula());
        assertTrue(Files.exists(out.resolve("model/model.zip")), "the model is kept");
        assertTrue(Files.readString(out.resolve("formula.json")).contains("constant on the states"));
        assertTrue(o.metrics().gradientAlignment() > MIN_ALIGNMENT, "scores are still computed");
    }

    @Test
    void theSameSpecGivesTheSameNumbers() {
        RunOutcome a = lab.services().getInstance(Runner.class).run(small(), tmp.resolve("det-a"), false, "test", JobListener.silent());
        RunOutcome b = lab.services().getInstance(Runner.class).run(small(), tmp.resolve("det-b"), false, "test", JobListener.silent());
        RunMetrics x = a.metrics();
        RunMetrics y = b.metrics();
        assertEquals(x.trainAccuracy(), y.trainAccuracy());
        assertEquals(x.testAccuracy(), y.testAccuracy());
        assertEquals(x.testLoss(), y.testLoss());
        assertEquals(x.gradientAlignment(), y.gradientAlignment());
        assertEquals(x.formula(), y.formula());
        assertEquals(x.bestEpoch(), y.bestEpoch());
    }

    @Test
    void badInputIsRefusedBeforeAnyWork() throws IOException {
        Runner runner = lab.services().getInstance(Runner.class);
        UnknownExtensionException head = assertThrows(UnknownExtensionException.class,
                () -> runner.run(new RunSpec("ring", null, null, null, "distance-logistik", null, null, null,
                        small().data(), small().training(), 1), tmp.resolve("never"), false, "test", JobListener.silent()));
        assertTrue(head.getMessage().contains("distance-logistic"), head.getMessage());
        assertFalse(Files.exists(tmp.resolve("never")));

        assertThrows(InvariantLabException.class, () -> runner.resolve(new RunSpec("ring", null, null, null, null,
                Map.of("margin", "1"), null, null, null, null, 1)));
        assertThrows(InvariantLabException.class, () -> runner.resolve(small().withTraining(
                new RunSpec.Training(List.of(8), "sinusoid", 1, 1, 8, 1e-3, "cosine", 0))));

        Path taken = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(taken.resolve("old.txt"), "keep me");
        InvariantLabException exists = assertThrows(InvariantLabException.class,
                () -> runner.run(small(), taken, false, "test", JobListener.silent()));
        assertTrue(exists.getMessage().contains("--force"), exists.getMessage());
        assertEquals("keep me", Files.readString(taken.resolve("old.txt")));
    }

    @Test
    void aRunThatLearnedNothingSaysSoAndKeepsItsEvidence() throws IOException {
        // measured: at learning rate 30 the first epoch's mean loss is astronomical and accuracy stays at 50 %
        RunSpec spec = small().withTraining(new RunSpec.Training(List.of(32, 32), "swish", 1, 3, 64, 30.0, "cosine", 0));
        Path out = tmp.resolve("ring-lr30");
        RunOutcome o = lab.services().getInstance(Runner.class).run(spec, out, false, "test", JobListener.silent());
        assertEquals(RunStatus.FAILED_TO_LEARN, o.status(), o.metrics().toString());
        assertFalse(o.completed());
        assertEquals(List.of(), o.metrics().matchedInvariants());
        assertTrue(String.valueOf(o.metrics().stopReason()).startsWith("diverged: mean training loss"),
                "an astronomical finite loss is divergence: " + o.metrics().stopReason());
        assertTrue(o.statusMessage().contains("--learning-rate (now 30.0)"), o.statusMessage());
        String metrics = Files.readString(out.resolve("metrics.json"));
        assertTrue(metrics.contains("\"status\" : \"failed_to_learn\""), metrics);
        assertTrue(Files.isRegularFile(out.resolve("model/model.zip")), "the model is kept as evidence");
    }

    @Test
    void aRunTooLargeForTheMemoryIsRefusedBeforeAnyWork() {
        RunSpec huge = small().withData(new RunSpec.Data(400_000_000, 300, 500, 2));
        InvariantLabException e = assertThrows(InvariantLabException.class,
                () -> lab.services().getInstance(Runner.class).run(huge, tmp.resolve("huge"), false, "test", JobListener.silent()));
        assertTrue(e.getMessage().contains("memory") && e.getMessage().contains("JAVA_OPTS"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("huge")));
    }

    /** The files documented as byte-identical for the same spec (docs/architecture.md, "Output and provenance"). */
    static final List<String> IDENTICAL = List.of(ResultDirectory.MARKER, "spec.yaml", "formula.json",
            "model/model.zip", "model/standardization.json", "latent_vs_r2.png", "training.png");

    @Test
    void theSameSpecGivesByteIdenticalFiles() throws IOException {
        Path a = tmp.resolve("bytes-a");
        Path b = tmp.resolve("bytes-b");
        lab.services().getInstance(Runner.class).run(small(), a, false, "test", JobListener.silent());
        lab.services().getInstance(Runner.class).run(small(), b, false, "test", JobListener.silent());
        for (String f : IDENTICAL) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f))),
                    f + " is byte-identical");
        }
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = org.deeplearning4j.util.ModelSerializer
                .restoreMultiLayerNetwork(a.resolve("model/model.zip").toFile(), false);
        assertTrue(net.numParams() > 0, "the re-packed model still loads with DL4J");
    }
}
