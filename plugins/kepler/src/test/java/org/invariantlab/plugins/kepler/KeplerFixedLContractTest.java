package org.invariantlab.plugins.kepler;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.InvalidCase;
import org.invariantlab.testkit.PhysicalSystemContract;

/**
 * The system contract for {@code kepler-fixed-l} with its defaults ({@code L = 1}, fixed orientation).
 * Tolerance {@code 1e-9} as in {@link KeplerSystemContractTest} (measured within-group drift {@code ≤ 3e-15}).
 */
class KeplerFixedLContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new KeplerFixedLSystem();
    }

    /** {@code L} is shared by construction; {@code Ay = 0} because every periapsis is on +x. */
    @Override
    protected Set<String> invariantsConstantAcrossGroups() {
        return Set.of("L", "Ay");
    }

    @Override
    protected List<InvalidCase> invalidParameterSets() {
        return List.of(
                InvalidCase.of("L", "0"),                              // radial orbits
                InvalidCase.of("L", "4"),                              // outside the declared range
                InvalidCase.of("energyMin", "-0.6"),                   // below the circular-orbit energy -0.5 for L = 1
                InvalidCase.of("energyMin", "-0.1"),                   // above the default energyMax -0.15
                new InvalidCase(Map.of("L", "0.5", "energyMin", "-1.5", "energyMax", "-0.1"), "energyMax"), // e = 0.97
                new InvalidCase(Map.of("L", "-2", "energyMin", "-0.2", "energyMax", "-0.1"), "energyMin"),  // circular at -0.125
                InvalidCase.of("orientation", "tilted"),
                InvalidCase.of("direction", "ccw"));                   // the sign of L is the direction here
    }
}
