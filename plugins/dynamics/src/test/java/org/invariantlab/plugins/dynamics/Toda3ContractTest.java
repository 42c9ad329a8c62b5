package org.invariantlab.plugins.dynamics;

import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.physics.dynamics.TrajectoryModel;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for the periodic Toda lattice of 3 particles: I1..I3, counts 3 and 3. */
class Toda3ContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new Toda3System();
    }

    /** States come from numerical integration: the sampler's own conservation bound. */
    @Override
    protected double invariantTolerance() {
        return TrajectoryModel.CONSERVATION_TOLERANCE;
    }
}
