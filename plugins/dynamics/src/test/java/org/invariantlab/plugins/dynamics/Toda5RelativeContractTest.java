package org.invariantlab.plugins.dynamics;

import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.physics.dynamics.TrajectoryModel;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for the periodic Toda lattice of 5 particles with the centre of mass divided out: I2..I5 on 8 relative variables, counts 4 and 4. */
class Toda5RelativeContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new Toda5RelativeSystem();
    }

    /** States come from numerical integration: the sampler's own conservation bound. */
    @Override
    protected double invariantTolerance() {
        return TrajectoryModel.CONSERVATION_TOLERANCE;
    }
}
