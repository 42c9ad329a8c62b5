package org.invariantlab.plugins.em;

import java.util.List;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.InvalidCase;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} with the default parameters, and the values a user may not give. */
class EmFieldContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new EmFieldSystem();
    }

    @Override
    protected List<InvalidCase> invalidParameterSets() {
        return List.of(
                InvalidCase.of("fieldRange", "0"),
                InvalidCase.of("fieldRange", "-1"),
                InvalidCase.of("fieldRange", "-2"),
                InvalidCase.of("fieldRange", "x"),
                InvalidCase.of("fieldRange", "Infinity"),
                InvalidCase.of("maxRapidity", "-1"),
                InvalidCase.of("maxRapidity", "-0.1"),
                InvalidCase.of("maxRapidity", "6"),
                InvalidCase.of("maxRapidity", "10"),
                InvalidCase.of("maxRapidity", ""),
                InvalidCase.of("rapidity", "1"));
    }
}
