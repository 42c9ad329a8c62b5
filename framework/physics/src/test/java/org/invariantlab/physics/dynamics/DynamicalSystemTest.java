package org.invariantlab.physics.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.junit.jupiter.api.Test;

class DynamicalSystemTest {

    /** The 1-D oscillator {@code dx/dt = p, dp/dt = −ω²x} with energy {@code E} and, if asked, a false "invariant" x. */
    private static final class Oscillator extends DynamicalSystem {
        private final boolean claimX;
        private final Predicate<double[]> admissible;

        Oscillator(boolean claimX, Predicate<double[]> admissible) {
            super("oscillator-1d", "test oscillator", StateSpace.of("x", "p"), 3.0,
                    ParameterSpec.realIn("omega", 1.5, Bound.above(0), null, "angular frequency"));
            this.claimX = claimX;
            this.admissible = admissible;
        }

        @Override
        protected Dynamics dynamics(Parameters p) {
            double w2 = p.getDouble("omega") * p.getDouble("omega");
            TrueInvariant energy = invariant("E", "(p^2 + " + number(w2) + "*x^2)/2", "energy",
                    x -> (x[1] * x[1] + w2 * x[0] * x[0]) / 2, x -> new double[] {w2 * x[0], x[1]});
            TrueInvariant position = invariant("X", "x", "not conserved", x -> x[0], x -> new double[] {1, 0});
            return Dynamics.of(x -> new double[] {x[1], -w2 * x[0]}, claimX ? List.of(energy, position) : List.of(energy),
                    Range.symmetric(1), Range.of(0.5, 1)).admitting(admissible);
        }
    }

    private static SystemModel model(DynamicalSystem system, Map<String, String> overrides) {
        return system.configure(Parameters.resolve(system.id(), system.parameters(), overrides));
    }

    @Test
    void groupsAreTrajectoriesAlongWhichTheEnergyIsConserved() {
        SystemModel model = model(new Oscillator(false, x -> true), Map.of());
        GroupedData data = model.sample(new SamplingRequest(6, 8, 42));
        TrueInvariant energy = model.invariants().get(0);
        for (int g = 0; g < data.groups(); g++) {
            double e0 = energy.value(data.state(g, 0));
            for (int m = 1; m < data.perGroup(); m++) {
                assertEquals(e0, energy.value(data.state(g, m)), TrajectoryModel.CONSERVATION_TOLERANCE, "group " + g);
            }
            assertNotEquals(data.state(g, 0)[0], data.state(g, 1)[0], "states of a group lie at different times");
        }
        assertNotEquals(energy.value(data.state(0, 0)), energy.value(data.state(1, 0)), "groups differ in energy");
        assertTrue(model.vectorField().isPresent());
        assertEquals(List.of("omega", DynamicalSystem.T_MAX),
                new Oscillator(false, x -> true).parameters().stream().map(ParameterSpec::name).toList());
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
        SystemModel model = model(new Oscillator(false, x -> true), Map.of("tMax", "7"));
        SamplingRequest request = new SamplingRequest(5, 4, 7);
        GroupedData first = model.sample(request);
        assertEquals(first, model.sample(request));
        assertEquals(first, model(new Oscillator(false, x -> true), Map.of("tMax", "7")).sample(request));
        assertNotEquals(first, model.sample(new SamplingRequest(5, 4, 8)));
        // groups draw from their own split generators: the first groups of a larger request are the same
        GroupedData more = model.sample(new SamplingRequest(9, 4, 7));
        assertEquals(first.state(4, 3)[1], more.state(4, 3)[1]);
    }

    @Test
    void aQuantityThatIsNotConservedStopsSamplingNamingIt() {
        SystemModel model = model(new Oscillator(true, x -> true), Map.of());
        InvariantLabException e = assertThrows(InvariantLabException.class, () -> model.sample(new SamplingRequest(3, 5, 1)));
        assertTrue(e.getMessage().startsWith("system 'oscillator-1d': invariant X is not conserved along the trajectory of group 0"),
                e.getMessage());
        assertTrue(e.getMessage().contains("relative spread"), e.getMessage());
    }

    @Test
    void theAdmissibilityHookSelectsInitialStates() {
        // only states with x ≥ 0.5 and p ≥ 0.5 (so E ≥ (0.25 + 2.25·0.25)/2 = 0.40625) are kept
        SystemModel model = model(new Oscillator(false, x -> x[0] >= 0.5), Map.of());
        GroupedData data = model.sample(new SamplingRequest(20, 2, 3));
        for (int g = 0; g < data.groups(); g++) {
            double e = model.invariants().get(0).value(data.state(g, 0));
            assertTrue(e >= 0.40625 - 1e-9, "group " + g + " has E = " + e);
        }
        SystemModel never = model(new Oscillator(false, x -> false), Map.of());
        InvariantLabException e = assertThrows(InvariantLabException.class, () -> never.sample(new SamplingRequest(1, 1, 3)));
        assertTrue(e.getMessage().startsWith("system 'oscillator-1d': no admissible initial state"), e.getMessage());
    }

    @Test
    void tMaxMustBePositive() {
        Oscillator system = new Oscillator(false, x -> true);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> system.configure(new Parameters(Map.of("tMax", 0.0))));
        assertEquals("tMax", e.parameter());
    }

    @Test
    void numbersAreWrittenForSymja() {
        assertEquals("0.11", DynamicalSystem.number(0.11));
        assertEquals("4", DynamicalSystem.number(4.0));
        assertEquals("(-2.5)", DynamicalSystem.number(-2.5));
        assertEquals("0.0000025", DynamicalSystem.number(2.5e-6));
    }
}
