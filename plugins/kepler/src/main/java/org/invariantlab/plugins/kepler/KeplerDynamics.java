package org.invariantlab.plugins.kepler;

import java.util.List;
import java.util.Optional;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.api.system.VectorField;

/**
 * Dynamics and conserved quantities of a unit mass in {@code V = −1/r} ({@code GM = 1}), state
 * {@code x = (x, y, vx, vy)}, {@code r = √(x² + y²)}:
 * <pre>
 *   H  = (vx² + vy²)/2 − 1/r
 *   h(x) = (vx, vy, −x/r³, −y/r³)                          (Hamilton's equations, q = (x, y), p = (vx, vy))
 *   L  = x·vy − y·vx                                        angular momentum
 *   E  = (vx² + vy²)/2 − 1/r                                energy
 *   A  = v × L ẑ − r̂ = (vy·L − x/r, −vx·L − y/r)            Laplace–Runge–Lenz vector
 * </pre>
 * All four are conserved, {@code ∇I·h = 0}; only three are independent ({@code |A|² = 1 + 2EL²}). The
 * Runge–Lenz vector points from the centre to the periapsis and has length {@code e}, the eccentricity.
 * Gradients, with {@code r³ = (x² + y²)^(3/2)}:
 * <pre>
 *   ∇L  = (vy, −vx, −y, x)
 *   ∇E  = (x/r³, y/r³, vx, vy)
 *   ∇Ax = (vy² − y²/r³,  −vx·vy + x·y/r³,  −y·vy,  2x·vy − y·vx)
 *   ∇Ay = (−vx·vy + x·y/r³,  vx² − x²/r³,  2y·vx − x·vy,  −x·vx)
 * </pre>
 * Reference: H. Goldstein, C. Poole, J. Safko, <i>Classical Mechanics</i>, 3rd ed., §3.7–3.9 (Kepler problem,
 * Laplace–Runge–Lenz vector), Addison-Wesley (2002).
 */
final class KeplerDynamics {

    /** State variables {@code (x, y, vx, vy)}; canonical pairs {@code (x, vx)} and {@code (y, vy)} (unit mass). */
    static final StateSpace STATE_SPACE = new StateSpace(List.of("x", "y", "vx", "vy"),
            Optional.of(new CanonicalLayout(List.of(0, 1), List.of(2, 3))));

    static final String L_EXPRESSION = "x*vy - y*vx";
    static final String E_EXPRESSION = "(vx^2+vy^2)/2 - 1/Sqrt(x^2+y^2)";
    static final String AX_EXPRESSION = "vy*(x*vy - y*vx) - x/Sqrt(x^2+y^2)";
    static final String AY_EXPRESSION = "-vx*(x*vy - y*vx) - y/Sqrt(x^2+y^2)";

    /** The angular momentum {@code L}. */
    static final TrueInvariant ANGULAR_MOMENTUM = new TrueInvariant("L", L_EXPRESSION, "angular momentum",
            ScalarField.of(KeplerDynamics::angularMomentum, x -> new double[] {x[3], -x[2], -x[1], x[0]}));

    /** The energy {@code E}. */
    static final TrueInvariant ENERGY = new TrueInvariant("E", E_EXPRESSION, "energy",
            ScalarField.of(KeplerDynamics::energy, x -> {
                double ir3 = inverseRadiusCubed(x);
                return new double[] {x[0] * ir3, x[1] * ir3, x[2], x[3]};
            }));

    /** The x component of the Runge–Lenz vector. */
    static final TrueInvariant RUNGE_LENZ_X = new TrueInvariant("Ax", AX_EXPRESSION, "Runge-Lenz vector, x component",
            ScalarField.of(KeplerDynamics::rungeLenzX, x -> {
                double px = x[0];
                double py = x[1];
                double vx = x[2];
                double vy = x[3];
                double ir3 = inverseRadiusCubed(x);
                return new double[] {vy * vy - py * py * ir3, -vx * vy + px * py * ir3, -py * vy, 2 * px * vy - py * vx};
            }));

    /** The y component of the Runge–Lenz vector. */
    static final TrueInvariant RUNGE_LENZ_Y = new TrueInvariant("Ay", AY_EXPRESSION, "Runge-Lenz vector, y component",
            ScalarField.of(KeplerDynamics::rungeLenzY, x -> {
                double px = x[0];
                double py = x[1];
                double vx = x[2];
                double vy = x[3];
                double ir3 = inverseRadiusCubed(x);
                return new double[] {-vx * vy + px * py * ir3, vx * vx - px * px * ir3, 2 * py * vx - px * vy, -px * vx};
            }));

    /** {@code L, E, Ax, Ay}. */
    static final List<TrueInvariant> INVARIANTS = List.of(ANGULAR_MOMENTUM, ENERGY, RUNGE_LENZ_X, RUNGE_LENZ_Y);

    /**
     * {@code 1/r} and {@code 1/r²}: the energy is not a polynomial in the state, so an interpreter needs
     * {@code 1/r} beside the monomials to write it down.
     */
    static final List<Feature> FEATURES = List.of(
            new Feature("invR", "1/Sqrt(x^2+y^2)", x -> 1 / radius(x)),
            new Feature("invR2", "1/(x^2+y^2)", x -> 1 / (x[0] * x[0] + x[1] * x[1])));

    /** Hamilton's equations {@code h(x) = (vx, vy, −x/r³, −y/r³)}. */
    static final VectorField FIELD = x -> {
        double ir3 = inverseRadiusCubed(x);
        return new double[] {x[2], x[3], -x[0] * ir3, -x[1] * ir3};
    };

    /** {@link #FIELD} as formulas. */
    static final List<String> FIELD_EXPRESSIONS = List.of("vx", "vy", "-x/(x^2+y^2)^(3/2)", "-y/(x^2+y^2)^(3/2)");

    private KeplerDynamics() {
    }

    static double radius(double[] x) {
        return Math.sqrt(x[0] * x[0] + x[1] * x[1]);
    }

    static double inverseRadiusCubed(double[] x) {
        double r = radius(x);
        return 1 / (r * r * r);
    }

    static double angularMomentum(double[] x) {
        return x[0] * x[3] - x[1] * x[2];
    }

    static double energy(double[] x) {
        return 0.5 * (x[2] * x[2] + x[3] * x[3]) - 1 / radius(x);
    }

    static double rungeLenzX(double[] x) {
        return x[3] * angularMomentum(x) - x[0] / radius(x);
    }

    static double rungeLenzY(double[] x) {
        return -x[2] * angularMomentum(x) - x[1] / radius(x);
    }
}
