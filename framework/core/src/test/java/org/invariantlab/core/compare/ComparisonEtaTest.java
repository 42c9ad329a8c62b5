package org.invariantlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariantlab.core.count.CountSpec;
import org.junit.jupiter.api.Test;

/**
 * The time left in a comparison: a cell is expected to take what finished cells of its data set and method took, so
 * that the heavy cells at a grid's end (the benchmark's Calogero–Moser counts after its light oscillators) are not
 * estimated from the light ones; the estimate is scaled by this run's wall time per cell second (parallel cells).
 */
class ComparisonEtaTest {

    private static Cell cell(String data, String method, long seed) {
        return new Cell(data + "--" + method + "--s" + seed, data, method, "count", seed, null, null,
                new CellTask.Count(CountSpec.of("toda-3")), "f");
    }

    private static CellResult done(Cell c, double seconds) {
        return new CellResult(c, "completed", null, null, new CellResult.Provenance("0.2.0", List.of(), "17", "linux",
                "cpu", "local", "", "", seconds));
    }

    @Test
    void heavyCellsAreExpectedToBeHeavy() {
        List<Cell> pending = new ArrayList<>();
        Map<String, CellResult> results = new LinkedHashMap<>();
        for (long s = 1; s <= 4; s++) {
            pending.add(cell("oscillator", "svd", s));
            pending.add(cell("calogero-moser-5", "svd", s));
        }
        pending.add(cell("calogero-moser-5", "deflation", 1));
        for (long s = 1; s <= 3; s++) {
            Cell c = cell("oscillator", "svd", s);
            results.put(c.id(), done(c, 1));
        }
        Cell heavy = cell("calogero-moser-5", "svd", 1);
        results.put(heavy.id(), done(heavy, 100));
        // left: one oscillator cell (1 s), three Calogero-Moser svd cells (100 s each), and a deflation cell of a
        // method not seen yet, expected at the mean of all finished cells ((3 + 100) / 4 = 25.75 s)
        assertEquals(1 + 300 + 25.75, Comparison.eta(pending, results, 1.0), 1e-9);
        assertEquals((1 + 300 + 25.75) / 2, Comparison.eta(pending, results, 0.5), 1e-9, "two cells at a time");
        assertTrue(Double.isNaN(Comparison.eta(pending, Map.of(), 1.0)), "nothing finished: no estimate");
        assertTrue(Double.isNaN(Comparison.eta(pending, results, Double.NaN)));
    }
}
