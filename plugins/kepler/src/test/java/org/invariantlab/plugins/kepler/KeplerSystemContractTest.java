package org.invariantlab.plugins.kepler;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.InvalidCase;
import org.invariantlab.testkit.PhysicalSystemContract;

/**
 * The system contract for {@code kepler} with its defaults (fixed orientation, counter-clockwise).
 *
 * <p>Invariant tolerance {@code 1e-9} (the contract's default): states come from the closed-form solution,
 * Newton's iteration solves Kepler's equation to a residual of a few ulps and the conversion to Cartesian
 * coordinates loses a few more, so invariants agree within a group to about {@code 1e-14} (measured
 * {@code ≤ 7e-15} over 2000 groups of 10); {@code 1e-9} leaves five orders of magnitude.
 */
class KeplerSystemContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new KeplerSystem();
    }

    /** With every periapsis on +x the Runge–Lenz vector lies along +x: {@code Ay = 0} on every orbit. */
    @Override
    protected Set<String> invariantsConstantAcrossGroups() {
        return Set.of("Ay");
    }

    @Override
    protected List<InvalidCase> invalidParameterSets() {
        return List.of(
                InvalidCase.of("energyMin", "-0.2"),                   // above the default energyMax -0.3
                new InvalidCase(Map.of("energyMin", "-0.5", "energyMax", "-0.6"), "energyMin"),
                InvalidCase.of("energyMax", "0.1"),                    // unbound orbit, outside the declared range
                InvalidCase.of("energyMin", "-9"),                     // below the declared range
                InvalidCase.of("eccentricityMin", "0.9"),              // above the default eccentricityMax 0.8
                InvalidCase.of("eccentricityMax", "1.0"),              // a parabola, outside the declared range
                InvalidCase.of("eccentricityMin", "-0.1"),
                InvalidCase.of("orientation", "sideways"),
                InvalidCase.of("direction", "up"),
                InvalidCase.of("L", "1.0"));                           // belongs to kepler-fixed-l only
    }
}
