package org.invariantlab.plugins.dynamics;

import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.physics.dynamics.TrajectoryModel;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for the rational Calogero-Moser system of 5 particles: tr(L^k), k = 1..5, 5 in involution. */
class CalogeroMoser5ContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new CalogeroMoser5System();
    }

    /** States come from numerical integration: the sampler's own conservation bound. */
    @Override
    protected double invariantTolerance() {
        return TrajectoryModel.CONSERVATION_TOLERANCE;
    }
}
