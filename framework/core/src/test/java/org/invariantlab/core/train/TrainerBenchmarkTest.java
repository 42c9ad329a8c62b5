package org.invariantlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invariantlab.core.builtin.DistanceLogisticHead;
import org.invariantlab.api.InvariantLabException;
import org.junit.jupiter.api.Test;

class TrainerBenchmarkTest {
    // the test may use a concrete head; the engine itself does not

    @Test
    void measuresBothEnginesAndPrintsATable() {
        TrainerBenchmark.Settings s = TrainerBenchmark.parse(new String[] {"--pairs", "1024", "--epochs", "1",
            "--batch", "128", "--widths", "16,16", "--types", "float", "--repeats", "2", "--reference"});
        assertEquals(List.of(16, 16), s.widths());
        List<TrainerBenchmark.Row> rows = TrainerBenchmark.run(s, new DistanceLogisticHead());
        assertEquals(List.of("trainer", "dl4j-recipe"), rows.stream().map(TrainerBenchmark.Row::engine).toList());
        for (TrainerBenchmark.Row r : rows) {
            assertEquals(2, r.pairsPerSecond().length);
            assertTrue(r.median() > 0);
            assertTrue(r.millisecondsPerStep() > 0);
        }
        String table = TrainerBenchmark.table(rows);
        assertTrue(table.startsWith("engine"), table);
        assertEquals(3, table.lines().count());
        assertTrue(TrainerBenchmark.header(s).contains("1024 pairs"));
    }

    @Test
    void badOptionsAreExplained() {
        InvariantLabException e = assertThrows(InvariantLabException.class,
                () -> TrainerBenchmark.parse(new String[] {"--speed", "1"}));
        assertTrue(e.getMessage().contains("--pairs"), e.getMessage());
        assertThrows(InvariantLabException.class, () -> TrainerBenchmark.parse(new String[] {"--pairs", "x"}));
        assertThrows(InvariantLabException.class, () -> TrainerBenchmark.parse(new String[] {"--pairs"}));
        assertThrows(InvariantLabException.class, () -> TrainerBenchmark.parse(new String[] {"--repeats", "0"}));
    }
}
