package org.invariantlab.plugins.em;

import java.util.Map;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} on a large field range with the largest allowed rapidity. */
class EmFieldFastBoostContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new EmFieldSystem();
    }

    @Override
    protected Map<String, String> parameterOverrides() {
        return Map.of("fieldRange", "50", "maxRapidity", "5");
    }
}
