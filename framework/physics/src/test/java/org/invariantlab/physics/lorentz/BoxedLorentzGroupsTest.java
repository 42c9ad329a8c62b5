package org.invariantlab.physics.lorentz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.junit.jupiter.api.Test;

class BoxedLorentzGroupsTest {

    private static final long SEED = 20_200_330L;
    private static final StateSpace EVENTS = StateSpace.of("t", "x", "y", "z");
    private static final StateSpace FIELDS = StateSpace.of("Ex", "Ey", "Ez", "Bx", "By", "Bz");
    private static final String PHI = "phiMax";

    /**
     * Within-group drift of a quadratic invariant relative to the group's scale max |x|², with φ ≤ 2: the
     * action sums products of up to two entries of Λ (below e² ≈ 7.4 each) with state components, rounded at
     * 1.1e-16, so the invariants move by ~1e-14 of the scale (measured: 5e-15); 1e-12 leaves a factor of 100.
     */
    private static final double DRIFT_TOL = 1e-12;

    private static BoxedLorentzGroups events(double halfWidth, double maxRapidity) {
        return new BoxedLorentzGroups("test", EVENTS, halfWidth, maxRapidity, LorentzTransform::apply);
    }

    /** The largest |I(x_gm) − I(x_g0)| / max_m |x_gm|² over all groups. */
    private static double drift(GroupedData data, ToDoubleFunction<double[]> invariant) {
        return IntStream.range(0, data.groups()).mapToDouble(g -> {
            double[] values = IntStream.range(0, data.perGroup())
                    .mapToDouble(m -> invariant.applyAsDouble(data.state(g, m))).toArray();
            double scale = IntStream.range(0, data.perGroup())
                    .mapToDouble(m -> Arrays.stream(data.state(g, m)).map(c -> c * c).sum()).max().orElseThrow();
            return Arrays.stream(values).map(v -> Math.abs(v - values[0]) / scale).max().orElseThrow();
        }).max().orElseThrow();
    }

    private static double largest(GroupedData data) {
        return Arrays.stream(data.values()).map(Math::abs).max().orElseThrow();
    }

    @Test
    void eventGroupsShareTheIntervalAndStayInTheBox() {
        double box = 2.0;
        GroupedData data = events(box, 2.0).sample(new SamplingRequest(2000, 6, SEED), PHI);
        assertEquals(EVENTS.variables(), data.variables());
        assertEquals(2000, data.groups());
        assertEquals(6, data.perGroup());
        double worst = drift(data, Minkowski::interval);
        assertTrue(worst <= DRIFT_TOL, "relative drift of s² within a group: " + worst);
        assertTrue(largest(data) <= box, "a component " + largest(data) + " leaves the box " + box);
        assertTrue(largest(data) > 0.99 * box, "the box is not used: largest component " + largest(data));
    }

    @Test
    void fieldGroupsShareBothInvariantsAndStayInTheBox() {
        BoxedLorentzGroups fields = new BoxedLorentzGroups("test", FIELDS, 0.5, 2.0, FieldTensor::transform);
        GroupedData data = fields.sample(new SamplingRequest(1000, 5, SEED), PHI);
        assertEquals(FIELDS.variables(), data.variables());
        double eDotB = drift(data, FieldTensor::eDotB);
        double e2b2 = drift(data, FieldTensor::eSquaredMinusBSquared);
        assertTrue(eDotB <= DRIFT_TOL, "relative drift of E·B within a group: " + eDotB);
        assertTrue(e2b2 <= DRIFT_TOL, "relative drift of E² − B² within a group: " + e2b2);
        assertTrue(largest(data) <= 0.5, "a component " + largest(data) + " leaves the box 0.5");
    }

    @Test
    void imagesAreGenuineTransformationsOfTheOriginal() {
        GroupedData data = events(1.0, 1.0).sample(new SamplingRequest(200, 2, SEED), PHI);
        for (int g = 0; g < 200; g++) {
            // a boost with φ > 0 changes the time of a random event; φ = 0 has probability zero
            assertNotEquals(data.state(g, 0)[0], data.state(g, 1)[0], "group " + g);
        }
    }

    @Test
    void drawsFollowTheDocumentedOrder() {
        // an action that accepts every transformation (it returns the state unchanged) and records it, so the
        // generator serves, per group, d uniforms in [−b, b] and then one random Λ per further member
        double box = 1.5;
        double phi = 0.7;
        List<LorentzTransform> seen = new ArrayList<>();
        BoxedLorentzGroups identity = new BoxedLorentzGroups("test", EVENTS, box, phi, (l, x) -> {
            seen.add(l);
            return x;
        });
        GroupedData data = identity.sample(new SamplingRequest(3, 4, SEED), PHI);

        SplittableRandom rng = new SplittableRandom(SEED);
        List<LorentzTransform> expectedTransforms = new ArrayList<>();
        double[] expected = new double[3 * 4 * 4];
        for (int g = 0; g < 3; g++) {
            double[] x = new double[4];
            for (int i = 0; i < 4; i++) {
                x[i] = rng.nextDouble(-box, box);
            }
            for (int m = 0; m < 4; m++) {
                System.arraycopy(x, 0, expected, (g * 4 + m) * 4, 4);
            }
            for (int k = 1; k < 4; k++) {
                expectedTransforms.add(LorentzTransform.random(rng, phi));
            }
        }
        assertArrayEquals(expected, data.values());
        assertEquals(expectedTransforms, seen);
    }

    @Test
    void rejectedImagesAreRedrawnAndExhaustedOriginalsReplaced() {
        // script: original 1, image 1 rejected twice (limit 2): original 2, image 1 rejected once then accepted,
        // image 2 accepted at once
        boolean[] accept = {false, false, false, true, true};
        int[] calls = {0};
        double box = 1.0;
        BoxedLorentzGroups scripted = new BoxedLorentzGroups("test", EVENTS, box, 1.0, (l, x) -> {
            boolean ok = accept[calls[0]++];
            return ok ? x : new double[] {2 * box, 0, 0, 0};
        });
        GroupedData data = scripted.sample(new SamplingRequest(1, 3, SEED), PHI, 2, 3);
        assertEquals(5, calls[0], "draws of Λ");

        SplittableRandom rng = new SplittableRandom(SEED);
        for (int i = 0; i < 4; i++) {
            rng.nextDouble(-box, box);
        }
        LorentzTransform.random(rng, 1.0);
        LorentzTransform.random(rng, 1.0);
        double[] second = new double[4];
        for (int i = 0; i < 4; i++) {
            second[i] = rng.nextDouble(-box, box);
        }
        for (int m = 0; m < 3; m++) {
            assertArrayEquals(second, data.state(0, m), "member " + m + " is the second original");
        }
    }

    @Test
    void exhaustedLimitsFailNamingTheCallersParameter() {
        int[] calls = {0};
        BoxedLorentzGroups outside = new BoxedLorentzGroups("test", EVENTS, 1.0, 3.0, (l, x) -> {
            calls[0]++;
            return new double[] {0, 0, 0, 1.5};
        });
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> outside.sample(new SamplingRequest(2, 4, SEED), PHI, 3, 2));
        assertEquals(PHI, e.parameter());
        for (String part : List.of("'test'", PHI + " (now 3.0)", "group 0", "2 states tried", "3 transformations per image",
                "[t, x, y, z]", "[-1.0, 1.0]^4", "(now 4)")) {
            assertTrue(e.getMessage().contains(part), "message lacks '" + part + "': " + e.getMessage());
        }
        assertEquals(2 * 3, calls[0], "each original gives up after its first image's attempts");
    }

    @Test
    void theBoxIsClosedAndNaNIsOutside() {
        double box = 0.25;
        BoxedLorentzGroups onEdge = new BoxedLorentzGroups("test", EVENTS, box, 1.0,
                (l, x) -> new double[] {box, -box, box, -box});
        GroupedData data = onEdge.sample(new SamplingRequest(2, 3, SEED), PHI);
        assertArrayEquals(new double[] {box, -box, box, -box}, data.state(1, 2));

        BoxedLorentzGroups notANumber = new BoxedLorentzGroups("test", EVENTS, box, 1.0,
                (l, x) -> new double[] {0, 0, Double.NaN, 0});
        assertThrows(InvalidParameterException.class, () -> notANumber.sample(new SamplingRequest(1, 2, SEED), PHI, 5, 2));
    }

    @Test
    void sameSeedSameDataAndPrefixStability() {
        BoxedLorentzGroups groups = events(1.0, 5.0);
        GroupedData a = groups.sample(new SamplingRequest(40, 5, SEED), PHI);
        assertEquals(a, events(1.0, 5.0).sample(new SamplingRequest(40, 5, SEED), PHI));
        assertNotEquals(a, groups.sample(new SamplingRequest(40, 5, SEED + 1), PHI));
        GroupedData prefix = groups.sample(new SamplingRequest(15, 5, SEED), PHI);
        assertArrayEquals(prefix.values(), Arrays.copyOf(a.values(), 15 * 5 * 4));
    }

    @Test
    void defaultLimitsAreTheDocumentedOnes() {
        assertEquals(1000, BoxedLorentzGroups.ATTEMPTS_PER_IMAGE);
        assertEquals(100, BoxedLorentzGroups.ORIGINALS_PER_GROUP);
        // with tight explicit limits restarts happen, so the default limits are observable in the data
        BoxedLorentzGroups groups = events(1.0, 5.0);
        SamplingRequest request = new SamplingRequest(100, 6, SEED);
        assertEquals(groups.sample(request, PHI, 1000, 100), groups.sample(request, PHI));
        assertNotEquals(groups.sample(request, PHI, 3, 1000), groups.sample(request, PHI));
    }

    @Test
    void checkBoundsNamesTheCallersParameters() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> BoxedLorentzGroups.checkBounds("box", bad, PHI, 1.0), "b = " + bad);
            assertEquals("box", e.parameter());
            assertTrue(e.getMessage().startsWith("box must be positive and finite"), e.getMessage());
        }
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> BoxedLorentzGroups.checkBounds("box", 1.0, PHI, bad), "φ = " + bad);
            assertEquals(PHI, e.parameter());
            assertTrue(e.getMessage().startsWith(PHI + " must be non-negative and finite"), e.getMessage());
        }
        assertDoesNotThrow(() -> BoxedLorentzGroups.checkBounds("box", 1e-6, PHI, 0.0));
    }

    @Test
    void invalidConstructionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> events(0, 1));
        assertThrows(IllegalArgumentException.class, () -> events(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> events(Double.POSITIVE_INFINITY, 1));
        assertThrows(IllegalArgumentException.class, () -> events(1, -1e-9));
        assertThrows(IllegalArgumentException.class, () -> events(1, Double.NaN));
        assertThrows(NullPointerException.class, () -> new BoxedLorentzGroups("test", EVENTS, 1, 1, null));
        assertThrows(NullPointerException.class, () -> new BoxedLorentzGroups(null, EVENTS, 1, 1, LorentzTransform::apply));
        assertThrows(NullPointerException.class, () -> new BoxedLorentzGroups("test", null, 1, 1, LorentzTransform::apply));
        SamplingRequest request = new SamplingRequest(1, 2, SEED);
        assertThrows(IllegalArgumentException.class, () -> events(1, 1).sample(request, PHI, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> events(1, 1).sample(request, PHI, 1, 0));
        assertThrows(NullPointerException.class, () -> events(1, 1).sample(request, null));
        BoxedLorentzGroups wrongLength = new BoxedLorentzGroups("test", EVENTS, 1, 1, (l, x) -> new double[3]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> wrongLength.sample(request, PHI));
        assertTrue(e.getMessage().contains("3 components"), e.getMessage());
    }

    @Test
    void theActionWorksOnACopyOfTheState() {
        BoxedLorentzGroups scribbling = new BoxedLorentzGroups("test", EVENTS, 1.0, 1.0, (l, x) -> {
            double[] image = l.apply(x);
            Arrays.fill(x, 0.0);
            return image;
        });
        GroupedData data = scribbling.sample(new SamplingRequest(20, 4, SEED), PHI);
        assertEquals(events(1.0, 1.0).sample(new SamplingRequest(20, 4, SEED), PHI), data);
    }

    @Test
    void accessorsReturnTheConfiguration() {
        BoxedLorentzGroups groups = events(3.0, 0.5);
        assertEquals(EVENTS, groups.stateSpace());
        assertEquals(3.0, groups.halfWidth());
        assertEquals(0.5, groups.maxRapidity());
    }
}
