package org.invariantlab.plugins.em;

import org.invariantlab.physics.lorentz.FieldTensor;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.TrueInvariant;

/**
 * The two independent Lorentz invariants of the electromagnetic field {@code (Ex, Ey, Ez, Bx, By, Bz)}:
 * <pre>
 *   E·B     = Ex Bx + Ey By + Ez Bz,                       ∇ = (Bx, By, Bz, Ex, Ey, Ez),
 *   E² − B² = Ex² + Ey² + Ez² − Bx² − By² − Bz²,           ∇ = (2Ex, 2Ey, 2Ez, −2Bx, −2By, −2Bz);
 * </pre>
 * in tensor form {@code E² − B² = −½ F_{μν} F^{μν}} and {@code E·B ∝ ε_{μνρσ} F^{μν} F^{ρσ}}, so both are
 * unchanged by {@code F' = Λ F Λᵀ}. Every Lorentz-invariant function of the field is a function of these two.
 *
 * <p>Reference: J. D. Jackson, <i>Classical Electrodynamics</i>, 3rd ed. (Wiley, 1999), §11.10.
 */
enum FieldInvariant implements ScalarField {

    /** The pseudoscalar {@code E·B}. */
    E_DOT_B("EdotB", "Ex*Bx + Ey*By + Ez*Bz", "pseudoscalar invariant E.B of the electromagnetic field") {
        @Override
        public double value(double[] f) {
            return FieldTensor.eDotB(f);
        }

        @Override
        public double[] gradient(double[] f) {
            check(f);
            return new double[] {f[3], f[4], f[5], f[0], f[1], f[2]};
        }
    },

    /** The scalar {@code E² − B²}. */
    E2_MINUS_B2("E2mB2", "Ex^2 + Ey^2 + Ez^2 - Bx^2 - By^2 - Bz^2",
            "scalar invariant E^2 - B^2 of the electromagnetic field") {
        @Override
        public double value(double[] f) {
            return FieldTensor.eSquaredMinusBSquared(f);
        }

        @Override
        public double[] gradient(double[] f) {
            check(f);
            return new double[] {2 * f[0], 2 * f[1], 2 * f[2], -2 * f[3], -2 * f[4], -2 * f[5]};
        }
    };

    private final TrueInvariant invariant;

    FieldInvariant(String name, String expression, String description) {
        this.invariant = new TrueInvariant(name, expression, description, this);
    }

    /** This invariant with its name, Symja expression and description. */
    TrueInvariant trueInvariant() {
        return invariant;
    }

    private static void check(double[] f) {
        if (f.length != FieldTensor.COMPONENTS) {
            throw new IllegalArgumentException("a field has 6 components (Ex, Ey, Ez, Bx, By, Bz), got " + f.length);
        }
    }
}
