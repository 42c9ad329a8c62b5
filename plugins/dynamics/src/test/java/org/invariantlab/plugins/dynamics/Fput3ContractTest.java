package org.invariantlab.plugins.dynamics;

import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.physics.dynamics.TrajectoryModel;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for the periodic alpha-FPUT chain of 3 particles: P and H, counts 2 and 2. */
class Fput3ContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new Fput3System();
    }

    /** States come from numerical integration: the sampler's own conservation bound. */
    @Override
    protected double invariantTolerance() {
        return TrajectoryModel.CONSERVATION_TOLERANCE;
    }
}
