package org.invariantlab.plugins.dynamics;

import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.physics.dynamics.TrajectoryModel;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for the periodic Toda lattice of 3 particles with the centre of mass divided out: I2..I3 on 4 relative variables, counts 2 and 2. */
class Toda3RelativeContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new Toda3RelativeSystem();
    }

    /** States come from numerical integration: the sampler's own conservation bound. */
    @Override
    protected double invariantTolerance() {
        return TrajectoryModel.CONSERVATION_TOLERANCE;
    }
}
