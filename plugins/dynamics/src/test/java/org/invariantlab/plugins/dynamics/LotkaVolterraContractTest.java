package org.invariantlab.plugins.dynamics;

import java.util.List;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.physics.dynamics.TrajectoryModel;
import org.invariantlab.testkit.InvalidCase;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for {@code lotka-volterra} with the defaults (Ha &amp; Jeong's set P1). */
class LotkaVolterraContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new LotkaVolterraSystem();
    }

    /** States come from numerical integration: the sampler's own conservation bound. */
    @Override
    protected double invariantTolerance() {
        return TrajectoryModel.CONSERVATION_TOLERANCE;
    }

    @Override
    protected List<InvalidCase> invalidParameterSets() {
        return List.of(
                InvalidCase.of("alpha", "0"),
                InvalidCase.of("beta", "-0.04"),
                InvalidCase.of("gamma", "abc"),
                InvalidCase.of("delta", "1000"),
                InvalidCase.of("tMax", "0"),
                InvalidCase.of("tMax", "-5"),
                InvalidCase.of("omega", "1"));
    }
}
