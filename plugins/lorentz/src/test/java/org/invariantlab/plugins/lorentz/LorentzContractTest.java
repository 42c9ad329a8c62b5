package org.invariantlab.plugins.lorentz;

import java.util.List;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.InvalidCase;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} with the default parameters. */
class LorentzContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new LorentzSystem();
    }

    @Override
    protected List<InvalidCase> invalidParameterSets() {
        return List.of(
                InvalidCase.of("box", "0"),
                InvalidCase.of("box", "-1"),
                InvalidCase.of("maxRapidity", "-1"),
                InvalidCase.of("maxRapidity", "10"),
                InvalidCase.of("gamma", "2"));
    }
}
