package org.invariantlab.physics.lorentz;

import java.util.Arrays;
import java.util.Objects;

/**
 * The electromagnetic field tensor and its two Lorentz invariants, units with {@code c = 1}.
 *
 * <p>A field is the 6-vector {@code (Ex, Ey, Ez, Bx, By, Bz)}. With metric {@code η = diag(−1, 1, 1, 1)}
 * the contravariant field tensor is taken as
 * <pre>
 *   F^{0i} = E_i,   F^{i0} = −E_i,   F^{ij} = ε_{ijk} B_k,
 *
 *   rows μ = 0..3, columns ν = 0..3:
 *     (  0    Ex   Ey   Ez )
 *     ( −Ex   0    Bz  −By )
 *     ( −Ey  −Bz   0    Bx )
 *     ( −Ez   By  −Bx   0  )
 * </pre>
 * (Carroll's convention; Jackson, with metric {@code diag(1, −1, −1, −1)}, has {@code F^{0i} = −E_i},
 * i.e. the negative of this tensor). It transforms as {@code F' = Λ F Λᵀ}; being linear, that law gives
 * the same {@code E'}, {@code B'} under either overall sign. For a frame moving with velocity {@code v}
 * ({@link LorentzTransform#boost}) it reproduces the textbook
 * <pre>
 *   E' = γ(E + v × B) − γ²/(γ+1) v(v·E),   B' = γ(B − v × E) − γ²/(γ+1) v(v·B).
 * </pre>
 * The invariants, unchanged by every {@code Λ}, are
 * <pre>
 *   E² − B² = −(1/2) F_{μν} F^{μν},   E·B ∝ ε_{μνρσ} F^{μν} F^{ρσ}
 * </pre>
 * (the sign of the proportionality depends on the orientation convention of {@code ε}).
 *
 * <p>References: J. D. Jackson, <i>Classical Electrodynamics</i>, 3rd ed. (Wiley, 1999), §§11.9, 11.10;
 * S. M. Carroll, <i>Spacetime and Geometry</i> (Addison-Wesley, 2004), chapter 1.
 */
public final class FieldTensor {

    /** Number of field components {@code (Ex, Ey, Ez, Bx, By, Bz)}. */
    public static final int COMPONENTS = 6;

    /**
     * Largest accepted {@code |F^{μν} + F^{νμ}|} (and {@code |F^{μμ}|}) relative to the largest entry: a
     * tensor built from a field, or by {@link LorentzTransform#applyToFieldTensor}, is exactly
     * antisymmetric; the bound tolerates a caller's own rounding of a few operations ({@code ~10⁻¹⁵}) and
     * rejects anything that is not a field tensor.
     */
    public static final double ANTISYMMETRY_TOLERANCE = 1e-12;

    private static final int N = Minkowski.DIMENSION;

    private FieldTensor() {
    }

    /** The tensor {@code F^{μν}} (16 entries, row-major) of the field {@code (Ex, Ey, Ez, Bx, By, Bz)}. */
    public static double[] toTensor(double[] field) {
        checkField(field);
        double ex = field[0];
        double ey = field[1];
        double ez = field[2];
        double bx = field[3];
        double by = field[4];
        double bz = field[5];
        return new double[] {
            0, ex, ey, ez,
            -ex, 0, bz, -by,
            -ey, -bz, 0, bx,
            -ez, by, -bx, 0};
    }

    /**
     * The field {@code (Ex, Ey, Ez, Bx, By, Bz)} read from the upper triangle of {@code F^{μν}}:
     * {@code E_i = F^{0i}}, {@code Bx = F^{23}}, {@code By = F^{31} = −F^{13}}, {@code Bz = F^{12}}.
     *
     * @param tensor 16 entries, row-major, antisymmetric within {@value #ANTISYMMETRY_TOLERANCE}
     */
    public static double[] fromTensor(double[] tensor) {
        checkAntisymmetric(tensor);
        return new double[] {tensor[1], tensor[2], tensor[3], tensor[2 * N + 3], -tensor[N + 3], tensor[N + 2]};
    }

    /** The field seen after the transformation {@code Λ}: {@code F' = Λ F Λᵀ}, read back as {@code (E', B')}. */
    public static double[] transform(LorentzTransform lambda, double[] field) {
        Objects.requireNonNull(lambda, "lambda");
        return fromTensor(lambda.applyToFieldTensor(toTensor(field)));
    }

    /** The pseudoscalar invariant {@code E·B = Ex Bx + Ey By + Ez Bz}. */
    public static double eDotB(double[] field) {
        checkField(field);
        return field[0] * field[3] + field[1] * field[4] + field[2] * field[5];
    }

    /** The scalar invariant {@code E² − B²}. */
    public static double eSquaredMinusBSquared(double[] field) {
        checkField(field);
        return field[0] * field[0] + field[1] * field[1] + field[2] * field[2]
                - field[3] * field[3] - field[4] * field[4] - field[5] * field[5];
    }

    static void checkField(double[] field) {
        Objects.requireNonNull(field, "field");
        if (field.length != COMPONENTS) {
            throw new IllegalArgumentException("a field has 6 components (Ex, Ey, Ez, Bx, By, Bz), got " + field.length);
        }
    }

    static void checkAntisymmetric(double[] tensor) {
        Objects.requireNonNull(tensor, "tensor");
        if (tensor.length != N * N) {
            throw new IllegalArgumentException("a rank-2 spacetime tensor has 16 entries, got " + tensor.length);
        }
        double scale = 0;
        for (int i = 0; i < tensor.length; i++) {
            if (!Double.isFinite(tensor[i])) {
                throw new IllegalArgumentException("non-finite tensor entry " + tensor[i] + " at (" + i / N + ", " + i % N + ")");
            }
            scale = Math.max(scale, Math.abs(tensor[i]));
        }
        double bound = ANTISYMMETRY_TOLERANCE * scale;
        for (int mu = 0; mu < N; mu++) {
            for (int nu = mu; nu < N; nu++) {
                double asym = Math.abs(tensor[mu * N + nu] + tensor[nu * N + mu]);
                if (asym > bound) {
                    throw new IllegalArgumentException("tensor is not antisymmetric: |F[" + mu + "][" + nu + "] + F[" + nu
                            + "][" + mu + "]| = " + asym + " exceeds " + bound + " in " + Arrays.toString(tensor));
                }
            }
        }
    }
}
