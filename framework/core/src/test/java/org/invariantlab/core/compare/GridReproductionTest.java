package org.invariantlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.run.Experiment;
import org.invariantlab.core.run.SlotKind;
import org.junit.jupiter.api.Test;

/**
 * The reproductions are the installation's grids read at their first seed: the one catalogue of experiments
 * ({@code distribution/examples/grids}).
 */
class GridReproductionTest {

    private static final Path GRIDS = Path.of("../../distribution/examples/grids");

    private static List<Experiment> experiments(String name, boolean quick) {
        Path file = GRIDS.resolve(name + ".yaml");
        assertTrue(Files.isRegularFile(file), "the catalogue's grid " + file.toAbsolutePath());
        return GridReproduction.experiments(GridFile.read(file), quick);
    }

    @Test
    void wetzel2020IsFourSiameseRunsWithThePapersFigures() {
        List<Experiment> all = experiments("wetzel2020", false);
        assertEquals(List.of("lorentz", "kepler", "kepler-fixed-l", "em"), all.stream().map(Experiment::name).toList());
        Experiment lorentz = all.get(0);
        // the paper's Table (Wetzel et al., PRR 2, 033499 (2020)), as the grid's paper block gives it
        assertEquals(0.94, lorentz.paperTrainAccuracy());
        assertEquals(0.92, lorentz.paperTestAccuracy());
        assertEquals(1, lorentz.spec().seed(), "the grid's first seed");
        assertEquals(List.of(32, 32, 32), lorentz.spec().training().hidden());
        assertEquals(List.of(1, 2, 1, 2), all.stream().map(e -> e.spec().training().latentSize()).toList(),
                "one latent per invariant that varies on the data");
        assertEquals(List.of(150, 60, 150, 40), all.stream().map(e -> e.spec().training().epochs()).toList());
        List<Experiment> quick = experiments("wetzel2020", true);
        assertTrue(quick.stream().allMatch(e -> e.spec().training().epochs() == 10
                && e.spec().data().trainGroups() == 50_000), "the quick variant: 100k pairs, 10 epochs");
    }

    @Test
    void hajeong2021ComparesBothMethodsOnTheSameDataAtThePapersSize() {
        List<Experiment> all = experiments("hajeong2021", true);
        List<Experiment> searched = all.stream().filter(e -> e.name().endsWith("-sr")).toList();
        // S2 and S3 once more, the same trajectory-perturbation network read by symbolic regression
        assertEquals(List.of("s2-ha-jeong-sr", "s3-ha-jeong-sr"), searched.stream().map(Experiment::name).toList());
        for (Experiment e : searched) {
            Experiment hj = all.stream().filter(o -> o.name().equals(e.name().replace("-sr", ""))).findFirst()
                    .orElseThrow();
            assertEquals(hj.spec().with(SlotKind.INTERPRETER, e.spec().slot(SlotKind.INTERPRETER)), e.spec());
            assertEquals("symbolic-regression", e.spec().interpreter());
        }
        List<Experiment> list = all.stream().filter(e -> !e.name().endsWith("-sr")).toList();
        assertEquals(10, list.size(), "five systems, two methods each");
        for (int i = 0; i < list.size(); i += 2) {
            Experiment hj = list.get(i);
            Experiment siamese = list.get(i + 1);
            assertEquals(List.of("ha-jeong", "siamese"), List.of(hj.method(), siamese.method()));
            // the same data: the same system, parameters, sizes and seed draw the same groups
            assertEquals(hj.spec().slot(SlotKind.SYSTEM), siamese.spec().slot(SlotKind.SYSTEM));
            assertEquals(hj.spec().data(), siamese.spec().data());
            assertEquals(hj.spec().seed(), siamese.spec().seed());
            assertEquals(20, hj.spec().data().trainGroups(), "the paper's 20 groups");
            assertEquals(100, hj.spec().data().perGroup(), "of 100 states");
            assertEquals("ha-jeong", hj.spec().sampler());
            assertEquals("noise-variance", hj.spec().head());
            assertEquals("permutation", siamese.spec().sampler());
            assertTrue(!hj.scoredOn().isEmpty(), "each system is scored on its invariant: " + hj.name());
        }
    }

    @Test
    void aGridWithoutRunsOrWithASweepIsNoReproduction() {
        Grid counts = GridFile.parse("name: c\nseeds: [1]\ndata:\n  - {system: kepler}\nmethods:\n"
                + "  - {name: svd, count: {method: svd}}\n", "c.yaml", Path.of("."));
        assertTrue(assertThrows(InvalidInputException.class, () -> GridReproduction.experiments(counts, true))
                .getMessage().contains("no cells that learn"));
        Grid sweep = GridFile.parse("name: s\nseeds: [1]\nsweep: {noise: [0, 0.01]}\ndata:\n  - {system: kepler}\n"
                + "methods:\n  - {name: siamese, run: {}}\n", "s.yaml", Path.of("."));
        assertTrue(assertThrows(InvalidInputException.class, () -> GridReproduction.experiments(sweep, true))
                .getMessage().contains("sweep"));
    }
}
