package org.invariantlab.plugins.em;

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

class EmFieldSystemTest {

    private static final long SEED = 1864L;
    private static final int GROUPS = 4_000;
    private static final int PER_GROUP = 8;

    /**
     * Within-group drift of E·B and E²−B² relative to the group's scale max(|E|²+|B|²), here with φ ≤ 2:
     * each component of F' = ΛFΛᵀ sums 16 products of two Λ entries (each below e^φ ≈ 7.4) and a field
     * component, rounded at 1.1e-16, so the invariants move by up to ~1e-14 of the scale (measured:
     * 4.8e-15); 1e-12 leaves a factor of at least 100. The error grows like e^{2φ}: 7e-13 at φ ≤ 5.
     */
    private static final double DRIFT_TOL = 1e-12;

    /** |E|² and |B|² under a pure rotation: rounding of ~10 products of order 1. */
    private static final double ROTATION_TOL = 1e-14;

    private final EmFieldSystem system = new EmFieldSystem();

    private SystemModel model(Map<String, String> overrides) {
        return system.configure(Parameters.resolve(system.id(), system.parameters(), overrides));
    }

    private static double squared(double[] f, int from) {
        return f[from] * f[from] + f[from + 1] * f[from + 1] + f[from + 2] * f[from + 2];
    }

    @Test
    void identityAndTruth() {
        assertEquals("em", system.id());
        assertEquals(List.of("Ex", "Ey", "Ez", "Bx", "By", "Bz"), system.stateSpace().variables());
        List<TrueInvariant> invariants = model(Map.of()).invariants();
        assertEquals(List.of("EdotB", "E2mB2"), invariants.stream().map(TrueInvariant::name).toList());
        assertEquals("Ex*Bx + Ey*By + Ez*Bz", invariants.get(0).expression());
        assertEquals("Ex^2 + Ey^2 + Ez^2 - Bx^2 - By^2 - Bz^2", invariants.get(1).expression());
        double[] f = {1, 2, 3, -0.5, 0.25, 4};
        assertEquals(-0.5 + 0.5 + 12, invariants.get(0).value(f));
        assertEquals(1 + 4 + 9 - 0.25 - 0.0625 - 16, invariants.get(1).value(f));
        assertArrayEquals(new double[] {-0.5, 0.25, 4, 1, 2, 3}, invariants.get(0).gradient(f));
        assertArrayEquals(new double[] {2, 4, 6, 1, -0.5, -8}, invariants.get(1).gradient(f));
        assertTrue(model(Map.of()).vectorField().isEmpty());
        assertTrue(model(Map.of()).extraFeatures().isEmpty());
    }

    @Test
    void invariantsAreSharedWithinGroupsAndFieldsStayInRange() {
        double range = 0.4;
        SystemModel model = model(Map.of("fieldRange", Double.toString(range), "maxRapidity", "2"));
        GroupedData data = model.sample(new SamplingRequest(GROUPS, PER_GROUP, SEED));
        for (TrueInvariant inv : model.invariants()) {
            double worst = SamplingChecks.maxDriftRelativeToSquaredNorm(data, inv.field());
            assertTrue(worst <= DRIFT_TOL, "max relative drift of " + inv.name() + " within a group: " + worst);
        }
        // every component within the range, and some component comes close to its edge
        SamplingChecks.assertFillsBox(data, range);
    }

    @Test
    void boostsMixElectricAndMagneticFields() {
        SystemModel model = model(Map.of());
        GroupedData data = model.sample(new SamplingRequest(200, 2, SEED));
        int changed = 0;
        for (int g = 0; g < 200; g++) {
            // a boost with β ≠ 0 changes |E|² unless E and B are special; a rotation never does
            if (Math.abs(squared(data.state(g, 0), 0) - squared(data.state(g, 1), 0)) > 1e-6) {
                changed++;
            }
        }
        assertTrue(changed >= 190, "|E|² changed in only " + changed + " of 200 groups");
    }

    @Test
    void zeroRapidityGivesPureRotations() {
        SystemModel model = model(Map.of("maxRapidity", "0"));
        GroupedData data = model.sample(new SamplingRequest(200, 4, SEED));
        for (int g = 0; g < 200; g++) {
            double[] f0 = data.state(g, 0);
            for (int m = 1; m < 4; m++) {
                double[] f = data.state(g, m);
                assertEquals(squared(f0, 0), squared(f, 0), ROTATION_TOL, "|E|² in group " + g);
                assertEquals(squared(f0, 3), squared(f, 3), ROTATION_TOL, "|B|² in group " + g);
            }
        }
    }

    @Test
    void sameSeedSameDataAndPrefixStability() {
        SamplingChecks.assertReproducibleAndPrefixStable(() -> model(Map.of()), new SamplingRequest(50, 3, SEED), 20);
    }

    /**
     * Hand-built parameters are validated again. Malformed and out-of-range values given as text are refused
     * by the contract ({@link EmFieldContractTest#invalidParameterSets()}).
     */
    @Test
    void parametersAreValidatedNamingTheParameter() {
        SamplingChecks.assertRefusalNames("range", () -> system.configure(new Parameters(Map.of("range", 1.0))));
        assertThrows(InvalidParameterException.class, () -> system.configure(new Parameters(Map.of("maxRapidity", 9.0))));
        assertEquals(new EmFieldModel(1.0, 1.0), system.configure(Parameters.empty()));
        SamplingChecks.assertRefusalNames("maxRapidity", () -> new EmFieldModel(1, Double.NaN));
    }

    @Test
    void exhaustedRejectionFailsNamingMaxRapidity() {
        // one draw per image and one field per group: 49 images at acceptance ~0.1 cannot all succeed
        EmFieldModel model = new EmFieldModel(1.0, 5.0);
        SamplingChecks.assertRefusalNames("maxRapidity", () -> model.sample(new SamplingRequest(1, 50, SEED), 1, 1));
    }
}
