package org.invariantlab.plugins.dynamics;

import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.physics.dynamics.TrajectoryModel;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for the periodic Toda lattice of 6 particles: I1..I6, counts 6 and 6. */
class Toda6ContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new Toda6System();
    }

    /** States come from numerical integration: the sampler's own conservation bound. */
    @Override
    protected double invariantTolerance() {
        return TrajectoryModel.CONSERVATION_TOLERANCE;
    }
}
