package org.invariantlab.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.io.Leftovers;
import org.invariantlab.core.job.JobListener;
import org.invariantlab.core.registry.ExtensionPointsModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted reproduction resumes with the experiments it had finished. */
class ReproductionsTest {

    @TempDir
    static Path tmp;

    private static InvariantLab lab;

    @BeforeAll
    static void start() throws IOException {
        lab = InvariantLab.start(Files.createDirectories(tmp.resolve("plugins")),
                binder -> ExtensionPointsModule.addBuiltIn(binder, PhysicalSystem.class).to(RingSystem.class));
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static Experiment ring(String name, long seed) {
        RunSpec spec = RunSpec.of("ring").withSeed(seed).withData(new RunSpec.Data(400, 100, 200, 2))
                .withTraining(new RunSpec.Training(List.of(8), "swish", 1, 2, 64, 3e-3, "cosine", 0));
        return new Experiment(name, "ring " + seed, spec, 0.9, 0.9, "x^2 + y^2", "r2");
    }

    private static List<Reproductions.Row> reproduce(List<Experiment> list, Path out, boolean force) {
        return Reproductions.run(lab.services().getInstance(Runner.class), "test", true, list, out, force, "test", JobListener.silent());
    }

    @Test
    void anInterruptedReproductionReusesTheFinishedExperiments() throws IOException {
        Path out = tmp.resolve("repro");
        List<Experiment> list = List.of(ring("first", 1), ring("second", 2));
        List<Reproductions.Row> rows = reproduce(list, out, false);
        assertEquals(List.of(false, false), rows.stream().map(Reproductions.Row::reused).toList());
        byte[] firstModel = Files.readAllBytes(out.resolve("first/model/model.zip"));

        // an interruption during the second experiment: its folder never appeared, no summary yet
        Leftovers.deleteTree(out.resolve("second"));
        Files.delete(out.resolve("summary.json"));
        rows = reproduce(list, out, false);
        assertEquals(List.of(true, false), rows.stream().map(Reproductions.Row::reused).toList());
        assertEquals(rows.get(0).outcome().metrics().testAccuracy(),
                rows.get(0).outcome().metrics().testAccuracy());
        assertTrue(Files.isRegularFile(out.resolve("second/metrics.json")));
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"reused\" : true"));
        // each experiment's run metrics inline beside the paper's figures, typed end to end
        com.fasterxml.jackson.databind.JsonNode first = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("summary.json").toFile()).get("experiments").get(0);
        assertEquals("first", first.get("experiment").asText());
        assertEquals(rows.get(0).outcome().metrics().testAccuracy(), first.get("test_accuracy").asDouble());
        assertTrue(first.has("paper_formula") && first.has("system") && !first.has("metrics"), first.toString());

        // other settings for a finished experiment: refused, nothing touched (issue 17.4); --force runs it again
        byte[] summary = Files.readAllBytes(out.resolve("summary.json"));
        byte[] secondModel = Files.readAllBytes(out.resolve("second/model/model.zip"));
        InvalidInputException other = assertThrows(InvalidInputException.class,
                () -> reproduce(List.of(ring("first", 1), ring("second", 3)), out, false));
        assertTrue(other.getMessage().contains("second (was seed: 2; now seed: 3)")
                && other.getMessage().contains("--force"), other.getMessage());
        assertTrue(java.util.Arrays.equals(summary, Files.readAllBytes(out.resolve("summary.json"))));
        assertTrue(java.util.Arrays.equals(secondModel, Files.readAllBytes(out.resolve("second/model/model.zip"))));
        rows = reproduce(List.of(ring("first", 1), ring("second", 3)), out, true);
        assertEquals(List.of(false, false), rows.stream().map(Reproductions.Row::reused).toList());

        // --force redoes everything
        rows = reproduce(list, out, true);
        assertEquals(List.of(false, false), rows.stream().map(Reproductions.Row::reused).toList());
        assertTrue(java.util.Arrays.equals(firstModel, Files.readAllBytes(out.resolve("first/model/model.zip"))),
                "the same experiment again gives the same model bytes");
    }

    @Test
    void anInterruptedRerunLeavesNoSummaryOfResultsThatAreGone() throws IOException {
        Path out = tmp.resolve("stale");
        reproduce(List.of(ring("first", 1)), out, false);
        assertTrue(Files.isRegularFile(out.resolve("summary.json")));
        // a run that fails part-way (here: an experiment that cannot be trained) must not leave the old summary,
        // which would describe a result no longer on disk once the rerun replaced it
        Experiment broken = new Experiment("first", "broken", ring("first", 1).spec().withTraining(
                new RunSpec.Training(List.of(8), "swish", 1, 2, 64, 1e30, "cosine", 0)), 0.9, 0.9, "x^2 + y^2", "r2");
        assertThrows(InvariantLabException.class, () -> reproduce(List.of(broken), out, true),
                "a learning rate of 1e30 diverges before any finite epoch");
        assertFalse(Files.exists(out.resolve("summary.json")), "no summary describes a result that is being replaced");
    }

    @Test
    void aFolderOfSomethingElseIsRefusedEvenWithForce() throws IOException {
        Path notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notes.resolve("todo.txt"), "keep");
        assertThrows(InvariantLabException.class, () -> reproduce(List.of(ring("first", 1)), notes, true));
        assertEquals(List.of(notes.resolve("todo.txt")), Files.list(notes).toList());
    }
}
