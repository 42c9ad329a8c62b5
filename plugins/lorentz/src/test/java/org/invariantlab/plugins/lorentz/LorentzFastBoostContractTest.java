package org.invariantlab.plugins.lorentz;

import java.util.Map;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} on a large box with the largest allowed rapidity. */
class LorentzFastBoostContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new LorentzSystem();
    }

    @Override
    protected Map<String, String> parameterOverrides() {
        return Map.of("box", "30", "maxRapidity", "5");
    }
}
