package org.invariantlab.plugins.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.invariantlab.api.system.ConservedCounts;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.physics.ode.OdeIntegrator;
import org.junit.jupiter.api.Test;

/** Facts of the two systems beyond the contract: the declared formulas and when L is declared. */
class DynamicsSystemsTest {

    private static SystemModel model(PhysicalSystem system, Map<String, String> overrides) {
        return system.configure(Parameters.resolve(system.id(), system.parameters(), overrides));
    }

    @Test
    void lotkaVolterraDeclaresTheFirstIntegralOfSetP1AndTheLogarithms() {
        SystemModel model = model(new LotkaVolterraSystem(), Map.of());
        TrueInvariant v = model.invariants().get(0);
        assertEquals("0.11*Log(F) + 0.04*Log(R) - 0.04*F - 0.01*R", v.expression());
        assertEquals(0.11 * Math.log(2.0) + 0.04 * Math.log(3.0) - 0.08 - 0.03, v.value(new double[] {3, 2}), 1e-15);
        assertEquals(List.of("Log(R)", "Log(F)"), model.extraFeatures().stream().map(f -> f.expression()).toList());
        // the fixed point (β/δ, α/γ) = (4, 2.75) is where the vector field vanishes
        double[] h = model.vectorField().orElseThrow().at(new double[] {4, 2.75});
        assertEquals(0, Math.hypot(h[0], h[1]), 1e-15);
    }

    @Test
    void theThirdInvariantAndTheCountsFollowTheResonance() {
        SystemModel isotropic = model(new Oscillator2dSystem(), Map.of());
        assertEquals(List.of("Ex", "Ey", "L", "K"), names(isotropic));
        assertEquals(Optional.of(ConservedCounts.of(3, 2)), isotropic.conservedCounts());
        SystemModel resonant = model(new Oscillator2dSystem(), Map.of("omegaY", "2"));
        assertEquals(List.of("Ex", "Ey", "R"), names(resonant));
        assertEquals("(py^2 + 4*y^2)/2", resonant.invariants().get(1).expression());
        assertEquals(Optional.of(ConservedCounts.of(3, 2)), resonant.conservedCounts());
        SystemModel incommensurate = model(new Oscillator2dSystem(), Map.of("omegaY", String.valueOf(Math.sqrt(2))));
        assertEquals(List.of("Ex", "Ey"), names(incommensurate));
        assertEquals(Optional.of(ConservedCounts.of(2, 2)), incommensurate.conservedCounts());
        // 2:3 has a third invariant of higher degree that is not listed: no counts are claimed
        assertEquals(Optional.empty(), model(new Oscillator2dSystem(), Map.of("omegaY", "1.5")).conservedCounts());
        // and indeed L = x py − y px changes along an anisotropic orbit
        double[] x0 = {0.5, 0.5, 0.2, -0.3};
        double[] later = OdeIntegrator.statesAt(resonant.vectorField().orElseThrow(), x0, new double[] {1.0})[0];
        double l0 = x0[0] * x0[3] - x0[1] * x0[2];
        double l1 = later[0] * later[3] - later[1] * later[2];
        assertTrue(Math.abs(l1 - l0) > 0.1, "L went from " + l0 + " to " + l1);
    }

    private static List<String> names(SystemModel model) {
        return model.invariants().stream().map(TrueInvariant::name).toList();
    }
}
