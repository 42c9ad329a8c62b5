package org.invariantlab.physics.lorentz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.ParameterType;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.junit.jupiter.api.Test;

class BoxedLorentzSystemTest {

    private static final StateSpace EVENTS = StateSpace.of("t", "x", "y", "z");

    /** The bound values, as a model a subclass would build from them. */
    private record Bound(double halfWidth, double maxRapidity) implements SystemModel {

        @Override
        public StateSpace stateSpace() {
            return EVENTS;
        }

        @Override
        public GroupedData sample(SamplingRequest request) {
            return new BoxedLorentzGroups("events", EVENTS, halfWidth, maxRapidity, LorentzTransform::apply)
                    .sample(request, BoxedLorentzSystem.MAX_RAPIDITY);
        }

        @Override
        public List<TrueInvariant> invariants() {
            return List.of();
        }
    }

    private static final class Events extends BoxedLorentzSystem {

        Events() {
            super("events", "Test events in a box", EVENTS, "edge", "half-width of the box");
        }

        @Override
        protected SystemModel model(double halfWidth, double maxRapidity) {
            return new Bound(halfWidth, maxRapidity);
        }
    }

    private final Events system = new Events();

    @Test
    void declaresIdentityAndTheTwoParameters() {
        assertEquals("events", system.id());
        assertEquals("Test events in a box", system.description());
        assertEquals(EVENTS, system.stateSpace());
        List<ParameterSpec> specs = system.parameters();
        assertEquals(List.of("edge", BoxedLorentzSystem.MAX_RAPIDITY), specs.stream().map(ParameterSpec::name).toList());
        assertEquals("maxRapidity", BoxedLorentzSystem.MAX_RAPIDITY);
        for (ParameterSpec s : specs) {
            assertEquals(ParameterType.REAL, s.type());
            assertEquals("1.0", s.defaultValue());
        }
        assertEquals("(0, 1000000]", specs.get(0).domain());
        assertEquals("[0, 5]", specs.get(1).domain());
        assertEquals("half-width of the box", specs.get(0).description());
    }

    @Test
    void configureBindsResolvedValues() {
        assertEquals(new Bound(1.0, 1.0), system.configure(Parameters.empty()));
        assertEquals(new Bound(2.5, 1.0), system.configure(new Parameters(Map.of("edge", 2.5))));
        assertEquals(new Bound(0.5, 5.0), system.configure(
                Parameters.resolve(system.id(), system.parameters(), Map.of("edge", "0.5", "maxRapidity", "5"))));
        GroupedData data = system.configure(Parameters.empty()).sample(new SamplingRequest(3, 2, 1L));
        assertEquals(EVENTS.variables(), data.variables());
    }

    @Test
    void handBuiltParametersAreValidatedNamingTheParameter() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("edge", -2.0), Map.of("edge", 1e7), Map.of("maxRapidity", 9.0), Map.of("gamma", 1.0))) {
            String name = bad.keySet().iterator().next();
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> system.configure(new Parameters(bad)), bad.toString());
            assertEquals(name, e.parameter());
            assertTrue(e.getMessage().contains("'events'") && e.getMessage().contains(name), e.getMessage());
        }
    }
}
