package org.invariantlab.plugins.kepler;

/**
 * Solves Kepler's equation {@code M = E − e·sin E} for the eccentric anomaly {@code E}, given the mean
 * anomaly {@code M} and the eccentricity {@code 0 ≤ e < 1}.
 *
 * <p>Method: Newton's iteration {@code E ← E − (E − e sin E − M)/(1 − e cos E)} from Danby's starting value
 * {@code E₀ = M + 0.85·e·sign(sin M)} (with {@code M} reduced to {@code [−π, π]}), which converges for every
 * {@code e < 1}. The residual {@code f(E) = E − e sin E − M} is increasing ({@code f' = 1 − e cos E ≥ 1 − e > 0})
 * and its root lies in {@code [M − e, M + e]} (because {@code |E − M| = e|sin E| ≤ e}); each iteration
 * shrinks that bracket and falls back to bisection when a Newton step would leave it, so the iteration is
 * safe even for eccentricities close to one. It stops when the step reaches the rounding level, which leaves
 * {@code E} within a few ulps of the root.
 *
 * <p>The trigonometric functions are {@link StrictMath}'s, so the result is bit-for-bit the same on every
 * JVM and a sampling seed reproduces its data anywhere.
 *
 * <p>References: J. M. A. Danby, "The solution of Kepler's equation, III", Celestial Mechanics 40, 303–312
 * (1987); C. D. Murray, S. F. Dermott, <i>Solar System Dynamics</i>, §2.4, Cambridge University Press (1999).
 */
final class KeplerEquation {

    /** More than enough: Newton from Danby's start needs at most about six steps for {@code e ≤ 0.999}. */
    static final int MAX_ITERATIONS = 100;

    private static final double TWO_PI = 2 * Math.PI;

    private KeplerEquation() {
    }

    /**
     * The eccentric anomaly {@code E ∈ [−π − e, π + e]} with {@code E − e sin E ≡ M (mod 2π)}.
     *
     * @param meanAnomaly {@code M}, any finite angle (reduced modulo {@code 2π} here)
     * @param e           eccentricity, {@code 0 ≤ e < 1}
     */
    static double eccentricAnomaly(double meanAnomaly, double e) {
        if (!(e >= 0 && e < 1)) {
            throw new IllegalArgumentException("eccentricity must be in [0, 1) for a bound orbit, got " + e);
        }
        if (!Double.isFinite(meanAnomaly)) {
            throw new IllegalArgumentException("mean anomaly must be finite, got " + meanAnomaly);
        }
        double m = Math.IEEEremainder(meanAnomaly, TWO_PI);
        if (e == 0) {
            return m;
        }
        double lo = m - e;
        double hi = m + e;
        double anomaly = m + 0.85 * e * Math.signum(StrictMath.sin(m));
        double previousStep = Double.POSITIVE_INFINITY;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double f = anomaly - e * StrictMath.sin(anomaly) - m;
            if (f == 0) {
                return anomaly;
            }
            if (f > 0) {
                hi = Math.min(hi, anomaly);
            } else {
                lo = Math.max(lo, anomaly);
            }
            double next = anomaly - f / (1 - e * StrictMath.cos(anomaly));
            if (!(next >= lo && next <= hi)) {
                next = 0.5 * (lo + hi);
            }
            double step = Math.abs(next - anomaly);
            anomaly = next;
            // converged: the step is at the rounding level, or rounding noise stops it from shrinking
            if (step <= 4 * Math.ulp(Math.abs(anomaly)) || (step < 1e-9 && step >= previousStep)) {
                return anomaly;
            }
            previousStep = step;
        }
        return anomaly;
    }
}
