package org.invariantlab.cli;

import java.util.List;
import org.invariantlab.physics.lorentz.BoxedLorentzGroups;
import org.invariantlab.physics.lorentz.BoxedLorentzSystem;
import org.invariantlab.physics.lorentz.LorentzTransform;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;

/** A test system packed into a plugin jar: events in a box, whose half-width must be greater than 0. */
public final class BoxEvents extends BoxedLorentzSystem {

    static final StateSpace EVENTS = StateSpace.of("t", "x", "y", "z");

    public BoxEvents() {
        super("box-events", "Test events in a box", EVENTS, "halfWidth", "half-width of the box");
    }

    @Override
    protected SystemModel model(double halfWidth, double maxRapidity) {
        return new Model(halfWidth, maxRapidity);
    }

    /** The model of given bounds; it has no true invariants of its own. */
    public record Model(double halfWidth, double maxRapidity) implements SystemModel {

        @Override
        public StateSpace stateSpace() {
            return EVENTS;
        }

        @Override
        public GroupedData sample(SamplingRequest request) {
            return new BoxedLorentzGroups("box-events", EVENTS, halfWidth, maxRapidity, LorentzTransform::apply)
                    .sample(request, MAX_RAPIDITY);
        }

        @Override
        public List<TrueInvariant> invariants() {
            return List.of();
        }
    }
}
