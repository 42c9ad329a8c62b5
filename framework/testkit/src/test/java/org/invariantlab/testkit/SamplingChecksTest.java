package org.invariantlab.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.testkit.OscillatorSystem.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each check passes on data that has the property and fails, saying why, on data that lacks it. */
class SamplingChecksTest {

    private static final SamplingRequest REQUEST = new SamplingRequest(30, 4, 5L);

    /** Uniform values in [−1, 1) whose generator is seeded with the seed plus the number of groups. */
    private static final class PrefixUnstable implements SystemModel {

        @Override
        public StateSpace stateSpace() {
            return StateSpace.of("a");
        }

        @Override
        public GroupedData sample(SamplingRequest request) {
            SplittableRandom rng = new SplittableRandom(request.seed() + request.groups());
            double[] v = rng.doubles((long) request.groups() * request.perGroup(), -1, 1).toArray();
            return new GroupedData(List.of("a"), request.groups(), request.perGroup(), v);
        }

        @Override
        public List<TrueInvariant> invariants() {
            return List.of();
        }
    }

    /** The sum of the components, with a zero gradient (unused here). */
    private static final ScalarField SUM = new ScalarField() {
        @Override
        public double value(double[] x) {
            double s = 0;
            for (double c : x) {
                s += c;
            }
            return s;
        }

        @Override
        public double[] gradient(double[] x) {
            return new double[x.length];
        }
    };

    private static void fails(Executable check, String fragment) {
        AssertionError e = assertThrows(AssertionError.class, check);
        assertTrue(String.valueOf(e.getMessage()).contains(fragment), "message lacks '" + fragment + "': " + e.getMessage());
    }

    private static SystemModel oscillator(OscillatorSystem system) {
        return system.configure(Parameters.resolve(system.id(), system.parameters(), Map.of()));
    }

    @Test
    void boxCheckWantsEveryValueInsideAndTheEdgeReached() {
        GroupedData data = new GroupedData(List.of("a", "b"), 1, 2, new double[] {0.1, -0.995, 0.5, 0});
        assertEquals(0.995, SamplingChecks.assertFillsBox(data, 1.0));
        fails(() -> SamplingChecks.assertFillsBox(data, 0.9), "leaves the box");
        fails(() -> SamplingChecks.assertFillsBox(data, 2.0), "does not reach");
    }

    @Test
    void driftIsMeasuredAgainstTheLargestSquaredNormOfTheGroup() {
        // group 0: sums 1 and 2, largest |x|² = 4, drift 1/4; group 1: constant sum, drift 0
        GroupedData data = new GroupedData(List.of("a", "b"), 2, 2, new double[] {1, 0, 0, 2, 3, 0, 0, 3});
        assertEquals(0.25, SamplingChecks.maxDriftRelativeToSquaredNorm(data, SUM));
        assertEquals(14.0, SamplingChecks.squaredNorm(new double[] {1, -2, 3}));
    }

    @Test
    void reproducibleAndPrefixStableSamplingPasses() {
        OscillatorSystem system = new OscillatorSystem();
        assertDoesNotThrow(() -> SamplingChecks.assertReproducibleAndPrefixStable(() -> oscillator(system), REQUEST, 10));
    }

    @Test
    void irreproducibleSeedBlindOrPrefixUnstableSamplingIsCaught() {
        OscillatorSystem counting = new OscillatorSystem(Fault.NOT_REPRODUCIBLE);
        fails(() -> SamplingChecks.assertReproducibleAndPrefixStable(() -> oscillator(counting), REQUEST, 10),
                "two models configured alike differ");
        OscillatorSystem blind = new OscillatorSystem(Fault.IGNORES_SEED);
        fails(() -> SamplingChecks.assertReproducibleAndPrefixStable(() -> oscillator(blind), REQUEST, 10),
                "gave identical data");
        fails(() -> SamplingChecks.assertReproducibleAndPrefixStable(PrefixUnstable::new, REQUEST, 10),
                "depend on how many groups follow");
        assertThrows(IllegalArgumentException.class,
                () -> SamplingChecks.assertReproducibleAndPrefixStable(PrefixUnstable::new, REQUEST, 31));
    }

    @Test
    void refusalCheckWantsTheParameterNamedTwice() {
        InvalidParameterException named = new InvalidParameterException("box", "box must be positive");
        assertSame(named, SamplingChecks.assertRefusalNames("box", () -> {
            throw named;
        }));
        fails(() -> SamplingChecks.assertRefusalNames("box", () -> {
            throw new InvalidParameterException("edge", "edge must be positive");
        }), "parameter named by the refusal");
        fails(() -> SamplingChecks.assertRefusalNames("box", () -> {
            throw new InvalidParameterException("box", "must be positive");
        }), "does not mention 'box'");
        fails(() -> SamplingChecks.assertRefusalNames("box", () -> { }), "expected a refusal naming 'box'");
    }
}
