package org.invariantlab.plugins.dynamics;

import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.physics.dynamics.TrajectoryModel;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for the rational Calogero-Moser system of 3 particles: tr(L^k), k = 1..3, 3 in involution. */
class CalogeroMoser3ContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new CalogeroMoser3System();
    }

    /** States come from numerical integration: the sampler's own conservation bound. */
    @Override
    protected double invariantTolerance() {
        return TrajectoryModel.CONSERVATION_TOLERANCE;
    }
}
