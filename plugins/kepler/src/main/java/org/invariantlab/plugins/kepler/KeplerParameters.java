package org.invariantlab.plugins.kepler;

import java.util.function.Supplier;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.param.ParameterSpec;

/** Parameter names, declarations and checks shared by the two Kepler systems. */
final class KeplerParameters {

    static final String ENERGY_MIN = "energyMin";
    static final String ENERGY_MAX = "energyMax";
    static final String ECCENTRICITY_MIN = "eccentricityMin";
    static final String ECCENTRICITY_MAX = "eccentricityMax";
    static final String ORIENTATION = "orientation";
    static final String DIRECTION = "direction";
    static final String ANGULAR_MOMENTUM = "L";

    /**
     * Highest eccentricity sampled. Above it the periapsis speed {@code √((1+e)/(a(1−e)))} grows without bound
     * and states crowd into a thin ellipse; 0.95 keeps the periapsis speed within {@code 6.3/√a}.
     */
    static final double MAX_ECCENTRICITY = 0.95;

    /** Lowest energy a parameter may take: {@code a = −1/(2E) ≥ 0.1}. */
    static final double LOWEST_ENERGY = -5.0;

    /** Highest energy a parameter may take: {@code a ≤ 10}, so radii stay below {@code 2a ≤ 20}. */
    static final double HIGHEST_ENERGY = -0.05;

    private KeplerParameters() {
    }

    static ParameterSpec energyMin(double defaultValue) {
        return ParameterSpec.real(ENERGY_MIN, defaultValue, LOWEST_ENERGY, HIGHEST_ENERGY,
                "lowest orbital energy E = v^2/2 - 1/r (E < 0: bound orbit, semi-major axis a = -1/(2E))");
    }

    static ParameterSpec energyMax(double defaultValue) {
        return ParameterSpec.real(ENERGY_MAX, defaultValue, LOWEST_ENERGY, HIGHEST_ENERGY,
                "highest orbital energy E = v^2/2 - 1/r");
    }

    static ParameterSpec eccentricityMin(double defaultValue) {
        return ParameterSpec.real(ECCENTRICITY_MIN, defaultValue, 0.0, MAX_ECCENTRICITY, "lowest orbital eccentricity");
    }

    static ParameterSpec eccentricityMax(double defaultValue) {
        return ParameterSpec.real(ECCENTRICITY_MAX, defaultValue, 0.0, MAX_ECCENTRICITY, "highest orbital eccentricity");
    }

    static ParameterSpec orientation() {
        return ParameterSpec.choice(ORIENTATION, Orientation.FIXED.word(), Orientation.words(),
                "fixed: every periapsis on +x (Runge-Lenz vector along +x); random: orbits turned by a uniform angle");
    }

    static ParameterSpec direction() {
        return ParameterSpec.choice(DIRECTION, Direction.CCW.word(), Direction.words(),
                "sense of rotation: ccw (L > 0), cw (L < 0) or both, each with probability 1/2");
    }

    static ParameterSpec angularMomentum(double defaultValue) {
        return ParameterSpec.real(ANGULAR_MOMENTUM, defaultValue, -3.0, 3.0,
                "angular momentum L = x*vy - y*vx shared by all orbits (non-zero; its sign is the sense of rotation)");
    }

    /** Refuses {@code energyMin > energyMax}, naming {@code energyMin}. */
    static void checkEnergies(double energyMin, double energyMax) {
        if (energyMin > energyMax) {
            throw new InvalidParameterException(ENERGY_MIN, ENERGY_MIN + " = " + energyMin + " exceeds " + ENERGY_MAX
                    + " = " + energyMax);
        }
        if (!(energyMax < 0)) {
            throw new InvalidParameterException(ENERGY_MAX, ENERGY_MAX + " = " + energyMax
                    + " is not negative: only bound orbits (E < 0) are sampled");
        }
    }

    /** Builds something from resolved parameters, prefixing any refusal with the owner's id as the API does. */
    static <T> T build(String owner, Supplier<T> factory) {
        try {
            return factory.get();
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(e.parameter(), "'" + owner + "': " + e.getMessage());
        }
    }
}
