package org.invariantlab.physics.lorentz;

import java.util.Objects;

/**
 * Minkowski spacetime with metric {@code η = diag(−1, 1, 1, 1)} on coordinates {@code (t, x, y, z)},
 * {@code c = 1}.
 *
 * <p>The invariant interval of an event (its squared distance from the origin) is
 * <pre>
 *   s² = η_{μν} x^μ x^ν = −t² + x² + y² + z²,
 * </pre>
 * negative for time-like, zero for light-like and positive for space-like separations; every Lorentz
 * transformation {@code Λ} (with {@code Λᵀ η Λ = η}) preserves it.
 *
 * <p>Reference: J. D. Jackson, <i>Classical Electrodynamics</i>, 3rd ed. (Wiley, 1999), §11.6 (there with
 * the opposite overall sign of the metric, which flips the sign of {@code s²} but not its invariance).
 */
public final class Minkowski {

    /** Number of spacetime dimensions. */
    public static final int DIMENSION = 4;

    private Minkowski() {
    }

    /** The diagonal metric entry {@code η_{μμ}}: {@code −1} for {@code μ = 0} (time), {@code +1} otherwise. */
    public static double metric(int mu) {
        if (mu < 0 || mu >= DIMENSION) {
            throw new IndexOutOfBoundsException("spacetime index " + mu + " outside 0..3");
        }
        return mu == 0 ? -1.0 : 1.0;
    }

    /** The Minkowski inner product {@code η_{μν} a^μ b^ν = −a⁰b⁰ + a¹b¹ + a²b² + a³b³}. */
    public static double dot(double[] a, double[] b) {
        checkEvent(a, "a");
        checkEvent(b, "b");
        return -a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
    }

    /** The interval {@code s² = −t² + x² + y² + z²} of {@code event = (t, x, y, z)}. */
    public static double interval(double[] event) {
        return dot(event, event);
    }

    static void checkEvent(double[] event, String what) {
        Objects.requireNonNull(event, what);
        if (event.length != DIMENSION) {
            throw new IllegalArgumentException(what + " must have 4 components (t, x, y, z), got " + event.length);
        }
    }
}
