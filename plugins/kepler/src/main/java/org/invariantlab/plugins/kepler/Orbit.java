package org.invariantlab.plugins.kepler;

/**
 * A bound Kepler orbit of a unit mass in {@code V = −1/r} ({@code GM = 1}), given by its orbital elements.
 *
 * <p>Relations used throughout (Murray &amp; Dermott, <i>Solar System Dynamics</i>, §2.2–2.5):
 * <pre>
 *   energy            E = −1/(2a)                      ⇔  a = −1/(2E)
 *   angular momentum  L = s·√(a(1 − e²))                ⇔  e = √(1 + 2EL²)
 *   mean motion       n = a^(−3/2),   period  T = 2π·a^(3/2)
 *   Runge–Lenz        A = e·(cos ω, sin ω)   (points to periapsis)
 * </pre>
 * The state at mean anomaly {@code M} comes from the eccentric anomaly {@code E} of
 * {@link KeplerEquation Kepler's equation}: in the perifocal frame (periapsis on {@code +x})
 * <pre>
 *   x' = a(cos E − e),          y' = s·b·sin E,                        b = a√(1 − e²)
 *   vx' = −a·sin E · n/(1 − e cos E),   vy' = s·b·cos E · n/(1 − e cos E)
 * </pre>
 * then rotated by {@code ω}. {@code s = +1} is counter-clockwise motion ({@code L > 0}); {@code s = −1}
 * mirrors the orbit in the periapsis axis, which keeps the periapsis (and {@code A}) where it is.
 * Time {@code t} after periapsis passage has {@code M = n·t}.
 *
 * @param semiMajorAxis  {@code a > 0}
 * @param eccentricity   {@code 0 ≤ e < 1}
 * @param sense          {@code +1} for counter-clockwise motion, {@code −1} for clockwise
 * @param periapsisAngle {@code ω}, angle of the periapsis direction from {@code +x}
 */
record Orbit(double semiMajorAxis, double eccentricity, int sense, double periapsisAngle) {

    Orbit {
        if (!(semiMajorAxis > 0) || !Double.isFinite(semiMajorAxis)) {
            throw new IllegalArgumentException("semi-major axis must be positive and finite, got " + semiMajorAxis);
        }
        if (!(eccentricity >= 0 && eccentricity < 1)) {
            throw new IllegalArgumentException("eccentricity of a bound orbit must be in [0, 1), got " + eccentricity);
        }
        if (sense != 1 && sense != -1) {
            throw new IllegalArgumentException("sense must be +1 or -1, got " + sense);
        }
        if (!Double.isFinite(periapsisAngle)) {
            throw new IllegalArgumentException("periapsis angle must be finite, got " + periapsisAngle);
        }
    }

    /** The orbit of energy {@code E < 0} and eccentricity {@code e}: {@code a = −1/(2E)}. */
    static Orbit fromEnergyAndEccentricity(double energy, double eccentricity, int sense, double periapsisAngle) {
        if (!(energy < 0)) {
            throw new IllegalArgumentException("a bound orbit needs negative energy, got " + energy);
        }
        return new Orbit(-0.5 / energy, eccentricity, sense, periapsisAngle);
    }

    /**
     * The orbit of energy {@code E < 0} and angular momentum {@code L ≠ 0}: {@code a = −1/(2E)},
     * {@code e = √(1 + 2EL²)}. At the circular-orbit energy {@code E = −1/(2L²)} rounding can make
     * {@code 1 + 2EL²} a hair negative; it is taken as zero. Below that energy no orbit has this {@code L}.
     */
    static Orbit fromEnergyAndAngularMomentum(double energy, double angularMomentum, double periapsisAngle) {
        if (!(energy < 0)) {
            throw new IllegalArgumentException("a bound orbit needs negative energy, got " + energy);
        }
        if (angularMomentum == 0 || !Double.isFinite(angularMomentum)) {
            throw new IllegalArgumentException("angular momentum must be finite and non-zero, got " + angularMomentum);
        }
        double e2 = 1 + 2 * energy * angularMomentum * angularMomentum;
        if (e2 < -1e-12) {
            throw new IllegalArgumentException("energy " + energy + " is below the circular-orbit energy "
                    + (-0.5 / (angularMomentum * angularMomentum)) + " for L = " + angularMomentum);
        }
        return new Orbit(-0.5 / energy, Math.sqrt(Math.max(0, e2)), angularMomentum > 0 ? 1 : -1, periapsisAngle);
    }

    /** {@code E = −1/(2a)}. */
    double energy() {
        return -0.5 / semiMajorAxis;
    }

    /** {@code L = s·√(a(1 − e)(1 + e))}. */
    double angularMomentum() {
        return sense * Math.sqrt(semiMajorAxis * (1 - eccentricity) * (1 + eccentricity));
    }

    /** Mean motion {@code n = a^(−3/2)}. */
    double meanMotion() {
        return 1 / (semiMajorAxis * Math.sqrt(semiMajorAxis));
    }

    /** Period {@code T = 2π·a^(3/2)}. */
    double period() {
        return 2 * Math.PI / meanMotion();
    }

    /** Periapsis distance {@code a(1 − e)}. */
    double periapsis() {
        return semiMajorAxis * (1 - eccentricity);
    }

    /** Apoapsis distance {@code a(1 + e)}. */
    double apoapsis() {
        return semiMajorAxis * (1 + eccentricity);
    }

    /** The state {@code (x, y, vx, vy)} at mean anomaly {@code M} (time {@code M/n} after periapsis). */
    double[] stateAt(double meanAnomaly) {
        double a = semiMajorAxis;
        double e = eccentricity;
        double anomaly = KeplerEquation.eccentricAnomaly(meanAnomaly, e);
        double cosE = StrictMath.cos(anomaly);
        double sinE = StrictMath.sin(anomaly);
        double b = a * Math.sqrt((1 - e) * (1 + e));
        double rate = meanMotion() / (1 - e * cosE); // dE/dt
        double px = a * (cosE - e);
        double py = sense * b * sinE;
        double pvx = -a * sinE * rate;
        double pvy = sense * b * cosE * rate;
        if (periapsisAngle == 0) {
            return new double[] {px, py, pvx, pvy};
        }
        double c = StrictMath.cos(periapsisAngle);
        double s = StrictMath.sin(periapsisAngle);
        return new double[] {c * px - s * py, s * px + c * py, c * pvx - s * pvy, s * pvx + c * pvy};
    }
}
