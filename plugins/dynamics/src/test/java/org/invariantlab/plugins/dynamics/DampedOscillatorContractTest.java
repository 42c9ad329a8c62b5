package org.invariantlab.plugins.dynamics;

import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.physics.dynamics.TrajectoryModel;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for the damped oscillator, the negative control: no invariant, counts 0 and 0. */
class DampedOscillatorContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new DampedOscillatorSystem();
    }

    /** States come from numerical integration: the sampler's own conservation bound. */
    @Override
    protected double invariantTolerance() {
        return TrajectoryModel.CONSERVATION_TOLERANCE;
    }
}
