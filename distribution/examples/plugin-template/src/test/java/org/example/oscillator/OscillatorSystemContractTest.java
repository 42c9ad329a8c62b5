package org.example.oscillator;

import java.util.List;
import java.util.Map;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.InvalidCase;
import org.invariantlab.testkit.PhysicalSystemContract;

/**
 * Runs InvariantLab's contract for physical systems: invariants constant on every group, gradients equal to
 * finite differences, conservation along the vector field, reproducible sampling, parameter validation.
 */
class OscillatorSystemContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new OscillatorSystem();
    }

    @Override
    protected List<InvalidCase> invalidParameterSets() {
        return List.of(
                InvalidCase.of("omega", "-1"),          // below the declared range
                InvalidCase.of("omega", "fast"),        // not a number
                new InvalidCase(Map.of("omega", "10", "scale", "500"), "scale")); // omega × scale too large
    }
}
