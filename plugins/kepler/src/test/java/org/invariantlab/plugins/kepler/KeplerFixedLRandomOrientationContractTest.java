package org.invariantlab.plugins.kepler;

import java.util.Map;
import java.util.Set;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PhysicalSystemContract;

/**
 * The system contract for {@code kepler-fixed-l} with a negative (clockwise) angular momentum and randomly
 * oriented orbits: {@code E}, {@code Ax} and {@code Ay} label the groups, {@code L = −0.8} is shared. The
 * energies stay above the circular-orbit energy {@code −1/(2L²) = −0.78} and below {@code −0.076}, where
 * {@code e} would pass 0.95. Tolerance as in {@link KeplerSystemContractTest}.
 */
class KeplerFixedLRandomOrientationContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new KeplerFixedLSystem();
    }

    @Override
    protected Map<String, String> parameterOverrides() {
        return Map.of("L", "-0.8", "energyMin", "-0.7", "energyMax", "-0.2", "orientation", "random");
    }

    @Override
    protected Set<String> invariantsConstantAcrossGroups() {
        return Set.of("L");
    }
}
