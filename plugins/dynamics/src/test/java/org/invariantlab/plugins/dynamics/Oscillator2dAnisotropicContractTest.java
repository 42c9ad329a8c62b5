package org.invariantlab.plugins.dynamics;

import java.util.Map;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.physics.dynamics.TrajectoryModel;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for the 1:2 resonant {@code oscillator-2d} ({@code ωx = 1, ωy = 2}): Ex, Ey and R, counts 3 and 2. */
class Oscillator2dAnisotropicContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new Oscillator2dSystem();
    }

    @Override
    protected Map<String, String> parameterOverrides() {
        return Map.of("omegaX", "1", "omegaY", "2");
    }

    /** States come from numerical integration: the sampler's own conservation bound. */
    @Override
    protected double invariantTolerance() {
        return TrajectoryModel.CONSERVATION_TOLERANCE;
    }
}
