package org.invariantlab.testkit;

import java.util.List;
import org.invariantlab.api.system.PhysicalSystem;

/** A correct system passes the whole contract. */
class OscillatorContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new OscillatorSystem();
    }

    @Override
    protected List<InvalidCase> invalidParameterSets() {
        return List.of(
                InvalidCase.of("energyMin", "3.0"),
                InvalidCase.of("energyMax", "-1"),
                InvalidCase.of("energyMin", "abc"),
                InvalidCase.of("noSuchParameter", "1"));
    }
}
