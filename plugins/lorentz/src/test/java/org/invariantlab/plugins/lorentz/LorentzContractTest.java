package org.invariantlab.plugins.lorentz;

import java.util.List;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.InvalidCase;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} with the default parameters, and the values a user may not give. */
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
                InvalidCase.of("box", "abc"),
                InvalidCase.of("box", "1e7"),
                InvalidCase.of("maxRapidity", "-1"),
                InvalidCase.of("maxRapidity", "-0.1"),
                InvalidCase.of("maxRapidity", "5.5"),
                InvalidCase.of("maxRapidity", "10"),
                InvalidCase.of("maxRapidity", "NaN"),
                InvalidCase.of("gamma", "2"));
    }
}
