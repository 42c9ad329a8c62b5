package org.invariantlab.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.core.provenance.Provenance;
import org.invariantlab.core.run.RingSystem;
import org.invariantlab.physics.dynamics.DynamicalSystem;
import org.invariantlab.physics.dynamics.Dynamics;
import org.invariantlab.physics.dynamics.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time-stamped trajectories as {@code sample --trajectories} writes them: along {@code q' = p, p' = −q} each state is
 * the rotation of the first by its time stamp (to the integrator's accuracy), the energy stays at rounding level, the
 * file reads back as trajectories with their time column, and a system without a vector field is refused plainly.
 */
class TrajectorySampleTest {

    /** The integrator keeps the local error below 1e-12 of the state; over a few periods the error stays near 1e-10. */
    private static final double INTEGRATION = 1e-8;

    @TempDir
    Path tmp;

    /** q' = p, p' = −q, with the energy (q² + p²)/2. */
    static final class Oscillator extends DynamicalSystem {
        Oscillator() {
            super("test-oscillator", "harmonic oscillator (test)", new StateSpace(List.of("q", "p"),
                    java.util.Optional.empty()), 6.0);
        }

        @Override
        protected Dynamics dynamics(Parameters p) {
            return Dynamics.of(s -> new double[] {s[1], -s[0]}, List.of(invariant("E", "(q^2 + p^2)/2", "energy",
                    s -> (s[0] * s[0] + s[1] * s[1]) / 2, s -> new double[] {s[0], s[1]})),
                    Range.symmetric(1), Range.symmetric(1));
        }
    }

    private static SystemModel oscillator() {
        Oscillator s = new Oscillator();
        return s.configure(Parameters.resolve(s.id(), s.parameters(), Map.of()));
    }

    @Test
    void statesFollowTheFlowAtTheirTimeStamps() {
        TrajectorySample t = TrajectorySample.draw("test-oscillator-1d", oscillator(), 4, 21, 10.0, 7);
        assertEquals(21, t.times().length);
        assertEquals(0.0, t.times()[0]);
        assertEquals(10.0, t.times()[20]);
        for (int g = 0; g < 4; g++) {
            double[] x0 = t.state(g, 0);
            for (int k = 0; k < 21; k++) {
                double c = Math.cos(t.times()[k]);
                double s = Math.sin(t.times()[k]);
                assertArrayEquals(new double[] {c * x0[0] + s * x0[1], -s * x0[0] + c * x0[1]}, t.state(g, k),
                        INTEGRATION, "q(t) = q0 cos t + p0 sin t, p(t) = −q0 sin t + p0 cos t");
            }
        }
        assertTrue(t.drift()[0] < INTEGRATION, "the energy along every trajectory: " + t.drift()[0]);
        assertArrayEquals(t.values(), TrajectorySample.draw("test-oscillator-1d", oscillator(), 4, 21, 10.0, 7)
                .values(), "the same seed, the same trajectories");
    }

    @Test
    void theFileReadsBackAsTrajectoriesWithTheirTimes() throws Exception {
        SystemModel m = oscillator();
        TrajectorySample t = TrajectorySample.draw("test-oscillator-1d", m, 3, 5, 2.0, 1);
        Path csv = tmp.resolve("orbits.csv");
        SampleExport.writeTrajectories(m, t, csv, Provenance.now("test", 1, List.of()), false);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("trajectory,t,q,p,E", lines.get(0));
        assertEquals(1 + 3 * 5, lines.size());
        assertTrue(lines.get(2).startsWith("0,0.5,"), lines.get(2));
        RaggedGroups back = CsvGroupsReader.read(csv, new CsvGroupsReader.Options("trajectory", "t", null, null));
        assertEquals(3, back.groupCount());
        assertEquals(List.of("q", "p"), back.variables(), "the invariant column is left out (the sidecar names it)");
        assertArrayEquals(t.state(2, 4), back.state(2, 4), 0.0, "numbers round-trip exactly");
        assertArrayEquals(t.times(), back.times(1), 0.0, "the time column");
        SampleExport.writeTrajectories(m, t, csv, Provenance.now("test", 1, List.of()), true); // --force: its own kind
    }

    @Test
    void aSystemWithoutAVectorFieldOrTooFewStatesIsRefused() {
        RingSystem ring = new RingSystem();
        SystemModel model = ring.configure(Parameters.resolve(ring.id(), ring.parameters(), Map.of()));
        String none = assertThrows(InvalidInputException.class,
                () -> TrajectorySample.draw("ring", model, 3, 5, 1.0, 1)).getMessage();
        assertTrue(none.startsWith("system 'ring' has no vector field h(x)"), none);
        String few = assertThrows(InvalidInputException.class,
                () -> TrajectorySample.draw("o", oscillator(), 3, 2, 1.0, 1)).getMessage();
        assertTrue(few.contains("at least 3 states per trajectory"), few);
        String span = assertThrows(InvalidInputException.class,
                () -> TrajectorySample.draw("o", oscillator(), 3, 5, -1, 1)).getMessage();
        assertTrue(span.contains("--time-span must be a positive number"), span);
    }
}
