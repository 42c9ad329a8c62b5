package org.invariantlab.plugins.dynamics;

import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.physics.dynamics.TrajectoryModel;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for the periodic alpha-FPUT chain of 6 particles (the largest, where a declared coupling range is hardest to sample): P and H, counts 2 and 2. */
class Fput6ContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new Fput6System();
    }

    /** States come from numerical integration: the sampler's own conservation bound. */
    @Override
    protected double invariantTolerance() {
        return TrajectoryModel.CONSERVATION_TOLERANCE;
    }
}
