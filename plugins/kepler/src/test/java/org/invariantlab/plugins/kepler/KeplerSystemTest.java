package org.invariantlab.plugins.kepler;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.SystemModel;
import org.pf4j.Extension;
import org.junit.jupiter.api.Test;

/** Sampling ranges, parameter handling and PF4J discoverability of the two Kepler systems. */
class KeplerSystemTest {

    private static final long SEED = 11L;

    /** Slack on the documented bounds of radii and speeds, which are rounded to two or three digits. */
    private static final double BOUND_SLACK = 0.01;

    private static SystemModel model(PhysicalSystem system, Map<String, String> overrides) {
        return system.configure(Parameters.resolve(system.id(), system.parameters(), overrides));
    }

    private static double[] radiusAndSpeedRange(GroupedData data) {
        double rMin = Double.POSITIVE_INFINITY;
        double rMax = 0;
        double vMax = 0;
        for (int g = 0; g < data.groups(); g++) {
            for (int m = 0; m < data.perGroup(); m++) {
                double[] x = data.state(g, m);
                double r = Math.hypot(x[0], x[1]);
                rMin = Math.min(rMin, r);
                rMax = Math.max(rMax, r);
                vMax = Math.max(vMax, Math.hypot(x[2], x[3]));
            }
        }
        return new double[] {rMin, rMax, vMax};
    }

    @Test
    void defaultKeplerStatesStayInTheDocumentedBox() {
        GroupedData data = model(new KeplerSystem(), Map.of()).sample(new SamplingRequest(2000, 5, SEED));
        double[] range = radiusAndSpeedRange(data);
        // documented: radii in [0.1, 3.0] (a(1−e) with a = 0.5, e = 0.8; a(1+e) with a = 1.67, e = 0.8), speeds < 4.25
        assertAll(
                () -> assertTrue(range[0] >= 0.1 - BOUND_SLACK, "smallest radius " + range[0]),
                () -> assertTrue(range[1] <= 3.0 + BOUND_SLACK, "largest radius " + range[1]),
                () -> assertTrue(range[2] <= 4.25, "largest speed " + range[2]));
    }

    @Test
    void defaultFixedLStatesStayInTheDocumentedBox() {
        GroupedData data = model(new KeplerFixedLSystem(), Map.of()).sample(new SamplingRequest(2000, 5, SEED));
        double[] range = radiusAndSpeedRange(data);
        // documented: radii in [0.54, 6.2], speeds < 1.85
        assertAll(
                () -> assertTrue(range[0] >= 0.54 - BOUND_SLACK, "smallest radius " + range[0]),
                () -> assertTrue(range[1] <= 6.2, "largest radius " + range[1]),
                () -> assertTrue(range[2] <= 1.85, "largest speed " + range[2]));
    }

    @Test
    void directionSetsTheSignOfL() {
        int groups = 2000;
        for (String dir : List.of("ccw", "cw", "both")) {
            GroupedData data = model(new KeplerSystem(), Map.of("direction", dir)).sample(new SamplingRequest(groups, 1, SEED));
            int positive = 0;
            for (int g = 0; g < groups; g++) {
                if (KeplerDynamics.angularMomentum(data.state(g, 0)) > 0) {
                    positive++;
                }
            }
            switch (dir) {
                case "ccw" -> assertEquals(groups, positive, "ccw: every L must be positive");
                case "cw" -> assertEquals(0, positive, "cw: every L must be negative");
                default -> {
                    // binomial(2000, 1/2): standard deviation 22.4; ±5σ = ±112
                    assertTrue(Math.abs(positive - groups / 2) <= 112, "both: " + positive + " of " + groups + " positive");
                }
            }
        }
    }

    @Test
    void fixedOrientationPutsTheRungeLenzVectorOnPlusX() {
        for (PhysicalSystem system : List.of(new KeplerSystem(), new KeplerFixedLSystem())) {
            GroupedData data = model(system, Map.of()).sample(new SamplingRequest(500, 4, SEED));
            for (int g = 0; g < data.groups(); g++) {
                for (int m = 0; m < data.perGroup(); m++) {
                    double[] x = data.state(g, m);
                    double ax = KeplerDynamics.rungeLenzX(x);
                    double ay = KeplerDynamics.rungeLenzY(x);
                    // Ay = 0 up to rounding of terms of order |v||L| + 1 ≤ 10: 1e-13 is far above it
                    assertTrue(Math.abs(ay) <= 1e-13, system.id() + ": Ay = " + ay + " at group " + g);
                    assertTrue(ax >= -1e-13, system.id() + ": Ax = " + ax + " points to −x at group " + g);
                }
            }
        }
    }

    @Test
    void randomOrientationSpreadsThePeriapsisDirection() {
        GroupedData data = model(new KeplerSystem(), Map.of("orientation", "random", "eccentricityMin", "0.2"))
                .sample(new SamplingRequest(400, 1, SEED));
        int[] quadrants = new int[4];
        for (int g = 0; g < data.groups(); g++) {
            double[] x = data.state(g, 0);
            double angle = Math.atan2(KeplerDynamics.rungeLenzY(x), KeplerDynamics.rungeLenzX(x));
            quadrants[(int) Math.floor((angle + Math.PI) / (Math.PI / 2)) & 3]++;
        }
        // 100 expected per quadrant, standard deviation 8.7: each quadrant above 50 is a > 5σ bound
        for (int q = 0; q < 4; q++) {
            assertTrue(quadrants[q] > 50, "periapsis directions per quadrant: " + java.util.Arrays.toString(quadrants));
        }
    }

    @Test
    void fixedLVariantSharesOneAngularMomentumAndSpreadsTheEnergy() {
        GroupedData data = model(new KeplerFixedLSystem(), Map.of("L", "0.9", "energyMin", "-0.6", "energyMax", "-0.2"))
                .sample(new SamplingRequest(1000, 3, SEED));
        double eMin = Double.POSITIVE_INFINITY;
        double eMax = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < data.groups(); g++) {
            for (int m = 0; m < data.perGroup(); m++) {
                double[] x = data.state(g, m);
                assertEquals(0.9, KeplerDynamics.angularMomentum(x), 1e-13, "L at group " + g + ", state " + m);
                double energy = KeplerDynamics.energy(x);
                eMin = Math.min(eMin, energy);
                eMax = Math.max(eMax, energy);
            }
        }
        // n = 1000 uniform draws on an interval of width W = 0.4: the lowest exceeds the lower end by more than δ
        // with probability (1 − δ/W)^n ≤ exp(−nδ/W), which is 1e-6 at δ = W·ln(1e6)/n = 0.0056 (same for the top)
        double delta = 0.4 * Math.log(1e6) / 1000;
        assertTrue(eMin >= -0.6 - 1e-12 && eMin < -0.6 + delta, "lowest energy " + eMin);
        assertTrue(eMax <= -0.2 + 1e-12 && eMax > -0.2 - delta, "highest energy " + eMax);
    }

    @Test
    void refusalsNameTheParameterAndCarryTheNumbers() {
        InvalidParameterException order = assertThrows(InvalidParameterException.class,
                () -> model(new KeplerSystem(), Map.of("energyMin", "-0.2")));
        assertEquals("energyMin", order.parameter());
        assertEquals("'kepler': energyMin = -0.2 exceeds energyMax = -0.3", order.getMessage());

        InvalidParameterException ecc = assertThrows(InvalidParameterException.class,
                () -> model(new KeplerSystem(), Map.of("eccentricityMin", "0.9")));
        assertEquals("'kepler': eccentricityMin = 0.9 exceeds eccentricityMax = 0.8", ecc.getMessage());

        InvalidParameterException circular = assertThrows(InvalidParameterException.class,
                () -> model(new KeplerFixedLSystem(), Map.of("energyMin", "-0.6")));
        assertEquals("energyMin", circular.parameter());
        assertTrue(circular.getMessage().startsWith("'kepler-fixed-l': energyMin = -0.6 is below the circular-orbit "
                + "energy -1/(2L^2) = -0.5 for L = 1.0"), circular.getMessage());

        InvalidParameterException elongated = assertThrows(InvalidParameterException.class,
                () -> model(new KeplerFixedLSystem(), Map.of("L", "0.5", "energyMin", "-1.5", "energyMax", "-0.1")));
        assertEquals("energyMax", elongated.parameter());
        assertTrue(elongated.getMessage().contains("eccentricity 0.9747") && elongated.getMessage().contains("at most -0.195"),
                elongated.getMessage());

        assertTrue(elongated.getMessage().endsWith("(usable energies for this L: [-2, -0.195])"), elongated.getMessage());

        // a tiny |L| leaves no usable energy at all: the message names the |L| that works instead of "-Infinity"
        for (String tiny : new String[] {"1e-9", "1e-200"}) {
            InvalidParameterException small = assertThrows(InvalidParameterException.class,
                    () -> model(new KeplerFixedLSystem(), Map.of("L", tiny)));
            assertEquals("L", small.parameter());
            assertTrue(small.getMessage().contains("use |L| >= 0.09874"), small.getMessage());
            assertFalse(small.getMessage().toLowerCase(java.util.Locale.ROOT).contains("infinity"), small.getMessage());
        }

        InvalidParameterException radial = assertThrows(InvalidParameterException.class,
                () -> model(new KeplerFixedLSystem(), Map.of("L", "0.0")));
        assertEquals("L", radial.parameter());
        assertTrue(radial.getMessage().contains("radial orbits"), radial.getMessage());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(Map.of("energyMin", "-1.0", "energyMax", "-0.3", "eccentricityMin", "0.0", "eccentricityMax", "0.8",
                        "orientation", "fixed", "direction", "ccw"),
                Parameters.resolve("kepler", new KeplerSystem().parameters(), Map.of()).asText());
        assertEquals(Map.of("L", "1.0", "energyMin", "-0.45", "energyMax", "-0.15", "orientation", "fixed"),
                Parameters.resolve("kepler-fixed-l", new KeplerFixedLSystem().parameters(), Map.of()).asText());
    }

    @Test
    void variantsShareStateSpaceAndInvariantsButDifferInData() {
        SystemModel kepler = model(new KeplerSystem(), Map.of());
        SystemModel fixed = model(new KeplerFixedLSystem(), Map.of());
        assertEquals(kepler.stateSpace(), fixed.stateSpace());
        assertEquals(List.of("L", "E", "Ax", "Ay"), kepler.invariants().stream().map(i -> i.name()).toList());
        assertEquals(kepler.invariants(), fixed.invariants());
        SamplingRequest request = new SamplingRequest(3, 2, SEED);
        assertNotEquals(kepler.sample(request), fixed.sample(request));
    }

    @Test
    void extensionsAreDiscoverableByPf4j() throws IOException {
        List<Class<? extends PhysicalSystem>> types = List.of(KeplerSystem.class, KeplerFixedLSystem.class);
        for (Class<? extends PhysicalSystem> type : types) {
            assertNotNull(type.getAnnotation(Extension.class), type + " lacks @org.pf4j.Extension");
            assertTrue(Modifier.isPublic(type.getModifiers()), type + " must be public");
            assertTrue(Modifier.isPublic(assertDoesNotThrowConstructor(type).getModifiers()),
                    type + " needs a public no-argument constructor");
        }
        // the annotation processor's index in this module's classes lists both extensions
        List<String> indexed = new ArrayList<>();
        for (URL url : Collections.list(KeplerSystemTest.class.getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = url.openStream()) {
                indexed.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            }
        }
        for (Class<? extends PhysicalSystem> type : types) {
            assertTrue(indexed.contains(type.getName()), type.getName() + " missing from META-INF/extensions.idx: " + indexed);
        }
        assertEquals("kepler", new KeplerSystem().id());
        assertEquals("kepler-fixed-l", new KeplerFixedLSystem().id());
    }

    private static java.lang.reflect.Constructor<?> assertDoesNotThrowConstructor(Class<?> type) {
        try {
            return type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(type + " has no public no-argument constructor", e);
        }
    }
}
