package org.invariantlab.plugins.dynamics;

import java.util.List;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.physics.dynamics.TrajectoryModel;
import org.invariantlab.testkit.InvalidCase;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for the isotropic {@code oscillator-2d} (the defaults): Ex, Ey and L. */
class Oscillator2dContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new Oscillator2dSystem();
    }

    /** States come from numerical integration: the sampler's own conservation bound. */
    @Override
    protected double invariantTolerance() {
        return TrajectoryModel.CONSERVATION_TOLERANCE;
    }

    @Override
    protected List<InvalidCase> invalidParameterSets() {
        return List.of(
                InvalidCase.of("omegaX", "0"),
                InvalidCase.of("omegaY", "-1"),
                InvalidCase.of("omegaY", "101"),
                InvalidCase.of("tMax", "0"),
                InvalidCase.of("alpha", "1"));
    }
}
