package org.invariantlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.count.CountSpec;
import org.invariantlab.core.run.RunSpec;
import org.junit.jupiter.api.Test;

/** Reading grid files: every problem at once with its line, defaults, overrides, sweeps and cell ids. */
class GridFileTest {

    private static final Path HERE = Path.of("/grids");

    private static Grid parse(String text) {
        return GridFile.parse(text, "grid.yaml", HERE);
    }

    private static String problems(String text) {
        return assertThrows(InvalidInputException.class, () -> parse(text)).getMessage();
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnceWithItsLine() {
        String m = problems("""
                name: bad
                seeds: [1, x]
                data:
                  - system: kepler
                    methods: [nothing]
                  - file: orbits.csv
                    params: {a: 1}
                methods:
                  - name: siamese
                    run:
                      training: {epochz: 3}
                  - name: svd
                    count: {method: svd, epochs: 0}
                  - name: both
                    count: {}
                    run: {}
                  - name: siamese
                    run: {}
                sweep:
                  size: [1]
                colour: red
                """);
        assertTrue(m.startsWith("grid.yaml has 9 problems; nothing was run:"), m);
        for (String expected : List.of(
                "line 2: expected a whole number, got 'x'",
                "line 5: no method is named 'nothing'; the grid's methods are siamese, svd, both",
                "line 7: 'params' are a system's parameters; a file has none",
                "line 11: unknown setting 'epochz'; known here: hidden, activation, latentSize, epochs",
                "line 13: --epochs and --batch-size must be positive",
                "line 14: method 'both' needs exactly one of 'run:'",
                "line 17: method 'siamese' is named twice",
                "line 20: a data size",
                "line 21: unknown key 'colour'")) {
            assertTrue(m.contains(expected), "missing «" + expected + "» in:\n" + m);
        }
    }

    @Test
    void aKeyGivenTwiceNamesBothLines() {
        String m = problems("""
                data: [kepler]
                methods: [{name: a, run: {}}]
                seeds: [1]
                seeds: [2]
                """);
        assertTrue(m.contains("line 4: key 'seeds' appears a second time (first on line 3); keep one of them"), m);
    }

    @Test
    void syntaxErrorsAndEmptyFilesAreOnePlainLine() {
        assertTrue(problems("data: [kepler\nmethods: x\n").matches("grid\\.yaml line \\d+: not valid YAML \\(.*"));
        assertTrue(problems("").contains("is empty"));
        assertTrue(problems("- a\n- b\n").contains("a grid is a mapping"));
    }

    @Test
    void defaultsOverridesAndQuickVariantsAreTyped() {
        Grid g = parse("""
                data:
                  - kepler
                  - {file: data/orbits.csv, groupColumn: trajectory, timeColumn: t, canonical: "x:px"}
                methods:
                  - name: siamese
                    run: {training: {epochs: 7}}
                  - name: counting
                    count: {method: svd, epochs: 20}
                    quick: {epochs: 3}
                quick:
                  run: {training: {epochs: 2}}
                  count: {epochs: 5}
                """);
        assertEquals(List.of(1L), g.seeds(), "one seed, 1, when none is given");
        assertEquals("grid", g.name(), "the file name without .yaml when no name is given");
        Grid.Method siamese = g.methods().get(0);
        assertEquals(7, siamese.run().training().epochs());
        assertEquals(2, siamese.quickRun().training().epochs(), "the grid's quick.run applies");
        assertEquals(RunSpec.Training.defaults().batchSize(), siamese.run().training().batchSize(), "defaults kept");
        Grid.Method counting = g.methods().get(1);
        assertEquals(20, counting.count().settings().epochs());
        assertEquals(3, counting.quickCount().settings().epochs(), "a method's own quick wins over the grid's");
        Grid.Data file = g.data().get(1);
        assertEquals(HERE.resolve("data/orbits.csv").toString(), file.file().path(), "relative to the grid's folder");
        assertEquals("orbits", file.label());
        assertEquals("x:px", file.canonical());
    }

    @Test
    void cellsCoverEveryCombinationAndCarryTheSweptValues() {
        Grid g = parse("""
                data: [lorentz, {system: oscillator-2d, label: osc, params: {omegaY: 2}, methods: [svd]}]
                methods:
                  - {name: siamese, run: {}}
                  - {name: svd, count: {method: svd}}
                seeds: [1, 2]
                sweep: {size: [100, 1000]}
                """);
        GridPlan plan = GridPlan.of(g, false);
        // lorentz × (siamese, svd) × 2 sizes × 2 seeds + osc × svd × 2 × 2
        assertEquals(12, plan.cells().size());
        Cell c = plan.cells().stream().filter(x -> x.id().equals("osc--svd--s2--n1000")).findFirst().orElseThrow();
        CountSpec spec = ((CellTask.Count) c.task()).spec();
        assertEquals(1000, spec.settings().trajectories(), "the size sweep sets a count's trajectories");
        assertEquals(2, spec.settings().seed());
        assertEquals("2", spec.parameters().get("omegaY"));
        Cell run = plan.cells().stream().filter(x -> x.id().equals("lorentz--siamese--s1--n100")).findFirst().orElseThrow();
        assertEquals(100, ((CellTask.Run) run.task()).spec().data().trainGroups(), "and a run's training groups");
        assertNull(run.noise());
        assertEquals(plan.cells(), GridPlan.of(g, false).cells(), "the same grid gives the same cells and fingerprints");
        assertTrue(plan.cells().stream().map(Cell::fingerprint).distinct().count() == plan.cells().size(),
                "every cell's work differs, so does its fingerprint");
    }

    @Test
    void aNoiseSweepSetsTheRunsNoiseAndRefusesCounts() {
        Grid g = parse("""
                data: [lorentz]
                methods: [{name: siamese, run: {}}]
                sweep: {noise: [0, 0.05]}
                """);
        List<Cell> cells = GridPlan.of(g, false).cells();
        assertEquals(List.of("lorentz--siamese--s1--noise0", "lorentz--siamese--s1--noise0.05"),
                cells.stream().map(Cell::id).toList());
        assertEquals(0.05, ((CellTask.Run) cells.get(1).task()).spec().data().noise());
        String m = problems("""
                data: [lorentz]
                methods: [{name: svd, count: {method: svd}}]
                sweep: {noise: [0.01]}
                """);
        assertTrue(m.contains("the noise sweep applies to run methods; method 'svd' counts"), m);
    }

    /** Issue 17, item 9: a grid of a million cells is counted, not built, and refused in well under a second. */
    @Test
    void aGridOfAMillionCellsIsRefusedAtOnceWithItsCount() {
        StringBuilder yaml = new StringBuilder("name: huge\nseeds: [");
        for (int s = 1; s <= 1000; s++) {
            yaml.append(s == 1 ? "" : ", ").append(s);
        }
        yaml.append("]\ndata:\n");
        for (int i = 0; i < 1000; i++) {
            yaml.append("  - {system: lorentz, label: l").append(i).append("}\n");
        }
        yaml.append("methods:\n  - name: siamese\n    run: {training: {epochs: 1}}\n");
        Grid g = GridFile.parse(yaml.toString(), "huge.yaml", null);
        assertEquals(1_000_000L, GridPlan.cellCount(g));
        long t0 = System.nanoTime();
        org.invariantlab.api.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.invariantlab.api.InvalidInputException.class, () -> GridPlan.of(g, false));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(e.getMessage().contains("the grid has 1,000,000 cells") && e.getMessage().contains("at most 10,000"),
                e.getMessage());
        assertTrue(seconds < 1, "refused in " + seconds + " s: the cells are counted, not built");
    }
}
