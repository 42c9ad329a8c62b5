package org.invariantlab.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.core.registry.ExtensionRegistry;
import org.invariantlab.core.symbolic.Cas;
import org.invariantlab.core.symbolic.PolynomialInterpreter;
import org.junit.jupiter.api.Test;

/** The interpreter rows of {@code benchmark}: one timed call per interpreter and installed workload. */
class InterpreterBenchmarkTest {

    /** The library reading rounds its coefficients to simple fractions: exact up to the double evaluation. */
    private static final double FORMULA_TOLERANCE = 1e-9;

    @Test
    void timesEveryInterpreterOnInstalledWorkloadsAndSaysWhatItRead() {
        ExtensionRegistry.Builder b = ExtensionRegistry.builder();
        assertEquals(Optional.empty(), b.offer(PhysicalSystem.class, new RingSystem(), "test", "1.0.0"));
        assertEquals(Optional.empty(), b.offer(SymbolicInterpreter.class, new PolynomialInterpreter(), "test", "1.0.0"));
        List<InterpreterBenchmark.Row> rows = InterpreterBenchmark.run(b.build(), List.of(
                new InterpreterBenchmark.Workload("ring", "r2"),
                new InterpreterBenchmark.Workload("not-installed", "E")));
        // the absent system is skipped, not an error: the table covers what is installed
        assertEquals(1, rows.size());
        InterpreterBenchmark.Row row = rows.get(0);
        assertEquals("polynomial", row.interpreter());
        assertTrue(row.seconds() > 0, "a measured time");
        // atan(r²/s) is a monotone function of r²: the polynomial library reads r² itself, and the truth is declared
        double atUnit = Cas.numericValue(row.formula(), List.of("x", "y"), new double[] {1, 0});
        double elsewhere = Cas.numericValue(row.formula(), List.of("x", "y"), new double[] {0.3, -1.7});
        assertEquals(atUnit * (0.3 * 0.3 + 1.7 * 1.7), elsewhere, FORMULA_TOLERANCE * Math.abs(elsewhere), row.formula());
        assertEquals("exact", row.verdict());
        assertTrue(InterpreterBenchmark.table(rows).contains("| polynomial | ring |"));
    }
}
