package org.invariantlab.core.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.count.fixtures.ConservationOnlyLoss;
import org.invariantlab.core.count.fixtures.KitOscillator;
import org.invariantlab.core.count.fixtures.RadialReader;
import org.invariantlab.core.count.fixtures.StagedConservationLoss;
import org.invariantlab.core.job.JobListener;
import org.invariantlab.testkit.PluginJarBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code count} takes its losses and its reader from the registry: a plugin jar that brings a system, a joint loss and
 * an interpreter is counted and read by name, with no core edit, and recorded in the provenance with the plugin as its origin; a loss
 * whose stage plan does not fit the method, and an interpreter nobody installed, are refused before any training.
 */
class CountThroughPluginsTest {

    @TempDir
    static Path tmp;

    private static InvariantLab lab;

    @BeforeAll
    static void start() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        PluginJarBuilder.plugin("counting-kit").version("1.0.0")
                .extensions(KitOscillator.class, ConservationOnlyLoss.class, StagedConservationLoss.class,
                        RadialReader.class)
                .writeTo(plugins);
        lab = InvariantLab.start(plugins);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static CountSpec spec(String svdLoss, String interpreter) {
        CountSettings s = new CountSettings("svd", 2, 20, 64, 3e-3, "constant", List.of(16, 16), "swish", "float", 64, 8,
                1, 1.0, "1", 0.2, 0.05, svdLoss, null, interpreter);
        return new CountSpec(KitOscillator.ID, Map.of(), null, null, s, Double.NaN);
    }

    @Test
    void aPluginsLossAndReaderCountAndReadWithNoCoreEdit() throws IOException {
        Path out = tmp.resolve("count");
        List<String> stages = new ArrayList<>();
        JobListener listener = new JobListener() {
            @Override
            public void stage(String message) {
                stages.add(message);
            }

            @Override
            public void epochCompleted(org.invariantlab.core.train.EpochStats stats) {
            }
        };
        CountRun run = lab.services().getInstance(CountJob.class).run(spec(ConservationOnlyLoss.ID, RadialReader.ID), out, false, "test",
                listener, turn -> { });
        CountResult.Svd svd = run.result().svd();
        // the oscillator q' = p, p' = −q conserves one quantity, (q² + p²)/2; a flow in 2 dimensions has at most 1
        assertEquals(1, svd.count(), "svd count with the plugin's loss; spectrum " + java.util.Arrays.toString(svd.spectrum()));
        assertEquals("q^2+p^2", svd.formulas().get(0).expression(), "read by the plugin's reader");
        assertTrue(stages.stream().anyMatch(m -> m.startsWith("svd: 2 outputs trained jointly with conservation-only")),
                stages.toString());
        JsonNode extensions = new ObjectMapper().readTree(out.resolve("provenance.json").toFile()).get("extensions");
        List<String> origins = new ArrayList<>();
        extensions.forEach(e -> origins.add(e.get("id").asText() + "@" + e.get("origin").asText()));
        assertTrue(origins.contains("conservation-only@counting-kit") && origins.contains("radial-reader@counting-kit"),
                origins.toString());
    }

    @Test
    void aLossThatTrainsOneNetworkAfterAnotherIsNotSvdsLoss() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> lab.services().getInstance(CountJob.class)
                .check(spec(StagedConservationLoss.ID, null)));
        assertEquals("the gradient loss 'staged-conservation' trains its outputs one after another, but svd trains them"
                + " jointly; choose a loss for --svd-loss whose stage plan is JOINT", e.getMessage());
    }

    @Test
    void anInterpreterNobodyInstalledIsNamedWithTheInstalledOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> lab.services().getInstance(CountJob.class)
                .check(spec(null, "no-such-reader")));
        assertTrue(e.getMessage().startsWith("unknown interpreter 'no-such-reader' (--interpreter); installed: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("radial-reader"), e.getMessage());
    }
}
