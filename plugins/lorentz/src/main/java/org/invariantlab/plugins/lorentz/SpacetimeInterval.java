package org.invariantlab.plugins.lorentz;

import org.invariantlab.physics.lorentz.Minkowski;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.TrueInvariant;

/**
 * The invariant interval of an event {@code (t, x, y, z)} with respect to the origin,
 * <pre>
 *   s² = −t² + x² + y² + z²,   ∇s² = (−2t, 2x, 2y, 2z),
 * </pre>
 * unchanged by every Lorentz transformation {@code Λ} ({@code Λᵀ η Λ = η}).
 *
 * <p>Reference: J. D. Jackson, <i>Classical Electrodynamics</i>, 3rd ed. (Wiley, 1999), §11.6 (with the
 * opposite sign of the metric).
 */
final class SpacetimeInterval implements ScalarField {

    /** Name of the invariant in results and tables. */
    static final String NAME = "s2";

    /** The interval in Symja syntax over the state variables. */
    static final String EXPRESSION = "-t^2 + x^2 + y^2 + z^2";

    /** The interval as a true invariant of the {@code lorentz} system. */
    static final TrueInvariant INVARIANT = new TrueInvariant(NAME, EXPRESSION,
            "spacetime interval -t^2 + x^2 + y^2 + z^2 (c = 1)", new SpacetimeInterval());

    private SpacetimeInterval() {
    }

    @Override
    public double value(double[] event) {
        return Minkowski.interval(event);
    }

    @Override
    public double[] gradient(double[] event) {
        if (event.length != Minkowski.DIMENSION) {
            throw new IllegalArgumentException("an event has 4 components (t, x, y, z), got " + event.length);
        }
        return new double[] {-2 * event[0], 2 * event[1], 2 * event[2], 2 * event[3]};
    }
}
