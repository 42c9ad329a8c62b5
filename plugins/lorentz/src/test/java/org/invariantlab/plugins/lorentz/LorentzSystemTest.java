package org.invariantlab.plugins.lorentz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.testkit.SamplingChecks;
import org.junit.jupiter.api.Test;

class LorentzSystemTest {

    private static final long SEED = 42L;
    private static final int GROUPS = 4_000;
    private static final int PER_GROUP = 8;

    /**
     * Within-group drift of s² relative to the group's Euclidean scale max |X|², here with φ ≤ 2: an image
     * ΛX carries ~4 roundings per coordinate of terms below e^φ·|X| ≈ 7.4·|X| and Λ itself a metric defect
     * of ~1e-14 from three 4×4 products, so s² moves by ~1e-14 of the scale (measured: 1.6e-15); 1e-12
     * leaves a factor of at least 100.
     */
    private static final double DRIFT_TOL = 1e-12;

    private final LorentzSystem system = new LorentzSystem();

    private SystemModel model(Map<String, String> overrides) {
        return system.configure(Parameters.resolve(system.id(), system.parameters(), overrides));
    }

    @Test
    void identityAndTruth() {
        assertEquals("lorentz", system.id());
        assertEquals(List.of("t", "x", "y", "z"), system.stateSpace().variables());
        List<TrueInvariant> invariants = model(Map.of()).invariants();
        assertEquals(1, invariants.size());
        TrueInvariant s2 = invariants.get(0);
        assertEquals("s2", s2.name());
        assertEquals("-t^2 + x^2 + y^2 + z^2", s2.expression());
        double[] x = {0.5, -0.25, 2, 1};
        assertEquals(-0.25 + 0.0625 + 4 + 1, s2.value(x));
        assertArrayEquals(new double[] {-1, -0.5, 4, 2}, s2.gradient(x));
        assertTrue(model(Map.of()).vectorField().isEmpty());
        assertTrue(model(Map.of()).extraFeatures().isEmpty());
    }

    @Test
    void intervalIsSharedWithinGroupsAndStatesStayInTheBox() {
        double box = 2.5;
        SystemModel model = model(Map.of("box", Double.toString(box), "maxRapidity", "2"));
        GroupedData data = model.sample(new SamplingRequest(GROUPS, PER_GROUP, SEED));
        double worst = SamplingChecks.maxDriftRelativeToSquaredNorm(data, model.invariants().get(0).field());
        assertTrue(worst <= DRIFT_TOL, "max relative drift of s² within a group: " + worst);
        // every coordinate in the box, and the box is actually used: some coordinate comes close to its edge
        SamplingChecks.assertFillsBox(data, box);
    }

    @Test
    void imagesAreGenuineBoostsNotOnlyRotations() {
        SystemModel model = model(Map.of("maxRapidity", "1"));
        GroupedData data = model.sample(new SamplingRequest(200, 2, SEED));
        int timeChanged = 0;
        for (int g = 0; g < 200; g++) {
            if (data.state(g, 0)[0] != data.state(g, 1)[0]) {
                timeChanged++;
            }
        }
        assertEquals(200, timeChanged, "every boost of a random event changes its time coordinate");
    }

    @Test
    void zeroRapidityGivesPureRotations() {
        // Λ = R₁·1·R₂ has first row exactly (1, 0, 0, 0), so t is unchanged bit for bit
        SystemModel model = model(Map.of("maxRapidity", "0"));
        GroupedData data = model.sample(new SamplingRequest(200, 4, SEED));
        for (int g = 0; g < 200; g++) {
            double t = data.state(g, 0)[0];
            double r2 = SamplingChecks.squaredNorm(data.state(g, 0)) - t * t;
            for (int m = 1; m < 4; m++) {
                double[] x = data.state(g, m);
                assertEquals(t, x[0], 0.0);
                // |x|² under a rotation: rounding of a few products of order 1
                assertEquals(r2, SamplingChecks.squaredNorm(x) - x[0] * x[0], 1e-14);
            }
        }
    }

    @Test
    void sameSeedSameDataAndPrefixStability() {
        SamplingChecks.assertReproducibleAndPrefixStable(() -> model(Map.of()), new SamplingRequest(50, 3, SEED), 20);
    }

    /**
     * Hand-built parameters are validated again. Malformed and out-of-range values given as text are refused
     * by the contract ({@link LorentzContractTest#invalidParameterSets()}).
     */
    @Test
    void parametersAreValidatedNamingTheParameter() {
        SamplingChecks.assertRefusalNames("rapidity", () -> system.configure(new Parameters(Map.of("rapidity", 1.0))));
        // hand-built parameters are validated, missing ones take their defaults
        assertThrows(InvalidParameterException.class, () -> system.configure(new Parameters(Map.of("box", -2.0))));
        assertEquals(new LorentzModel(1.0, 1.0), system.configure(Parameters.empty()));
        SamplingChecks.assertRefusalNames("box", () -> new LorentzModel(Double.POSITIVE_INFINITY, 1));
    }

    @Test
    void exhaustedRejectionFailsNamingMaxRapidity() {
        // one draw per image and one event per group: 49 images at acceptance ~0.2 cannot all succeed
        LorentzModel model = new LorentzModel(1.0, 5.0);
        SamplingChecks.assertRefusalNames("maxRapidity", () -> model.sample(new SamplingRequest(1, 50, SEED), 1, 1));
    }
}
