package org.invariantlab.physics.lorentz;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A Lorentz transformation {@code Λ}: a real 4×4 matrix that preserves the Minkowski metric
 * {@code η = diag(−1, 1, 1, 1)},
 * <pre>
 *   Λᵀ η Λ = η,
 * </pre>
 * acting on events {@code x = (t, x, y, z)} as {@code x' = Λ x} (so {@code s'² = s²}) and on the
 * antisymmetric field tensor as {@code F' = Λ F Λᵀ}. Units with {@code c = 1}.
 *
 * <p>Stored row-major: {@code Λ^μ_ν} is {@code matrix()[4μ + ν]}. The array is copied in and out. The
 * constructor rejects a matrix that is not a Lorentz transformation: with {@code s = max |Λ_{μν}|}
 * (at least 1 for every Lorentz matrix) it requires
 * {@code max |(Λ/s)ᵀ η (Λ/s) − η/s²| ≤ }{@value #METRIC_TOLERANCE}, a test that is relative for large
 * boosts and cannot overflow.
 *
 * <p>Factories build the generators of the proper orthochronous group {@code SO⁺(1,3)}:
 * <ul>
 *   <li>{@link #boost(double[], double)}: the pure boost with rapidity {@code φ} along unit {@code n}
 *       (Jackson §11.7, with {@code β = tanh φ}, {@code γ = cosh φ}),
 *       <pre>
 *   Λ⁰₀ = cosh φ,   Λ⁰ᵢ = Λⁱ₀ = −nᵢ sinh φ,   Λⁱⱼ = δᵢⱼ + (cosh φ − 1) nᵢ nⱼ;
 *       </pre>
 *       it maps an event's coordinates to those seen in a frame moving with velocity {@code β n}
 *       (passive view), e.g. {@code t' = γ(t − βx)}, {@code x' = γ(x − βt)} for {@code n = x̂};</li>
 *   <li>{@link #rotation(double[], double)}: the active right-handed rotation by {@code θ} about an axis
 *       (Rodrigues' formula {@code R = cos θ I + sin θ [n]ₓ + (1 − cos θ) n nᵀ}), and
 *       {@link #rotationFromQuaternion(double, double, double, double)};</li>
 *   <li>{@link #random(RandomGenerator, double)}: {@code R₁ · B(n, φ) · R₂} with Haar-random rotations,
 *       an isotropic {@code n} and {@code φ} uniform in {@code [0, φ_max]}.</li>
 * </ul>
 *
 * <p>References: J. D. Jackson, <i>Classical Electrodynamics</i>, 3rd ed. (Wiley, 1999), §§11.3, 11.7;
 * K. Shoemake, "Uniform random rotations", in <i>Graphics Gems III</i> (Academic Press, 1992), 124–132;
 * S. J. Wetzel et al., Phys. Rev. Research 2, 033499 (2020) (random {@code Λ} = rotation · boost · rotation).
 *
 * @param matrix the 16 entries {@code Λ^μ_ν}, row-major, all finite
 */
public record LorentzTransform(double[] matrix) {

    /**
     * Largest accepted metric defect of the scaled matrix (see the class comment). A product of a few
     * exact Lorentz matrices evaluated in double precision has a defect of order {@code 10⁻¹⁵}; the bound
     * leaves six orders of magnitude for long compositions and still rejects any matrix with a wrong
     * entry (which gives a defect of the order of the error itself).
     */
    public static final double METRIC_TOLERANCE = 1e-9;

    /**
     * Largest accepted {@code ||n| − 1|} for a unit boost direction or unit quaternion: a vector
     * normalised in double precision is within {@code 10⁻¹⁶} of unit length; the bound accepts vectors
     * printed with ten significant digits and rejects unnormalised input such as a velocity.
     */
    public static final double UNIT_TOLERANCE = 1e-9;

    private static final int N = Minkowski.DIMENSION;
    private static final double TWO_PI = 2 * StrictMath.PI;

    public LorentzTransform {
        Objects.requireNonNull(matrix, "matrix");
        if (matrix.length != N * N) {
            throw new IllegalArgumentException("a Lorentz transformation has 16 entries, got " + matrix.length);
        }
        matrix = matrix.clone();
        double scale = 0;
        for (int i = 0; i < matrix.length; i++) {
            if (!Double.isFinite(matrix[i])) {
                throw new IllegalArgumentException("non-finite entry " + matrix[i] + " at (" + i / N + ", " + i % N + ")");
            }
            scale = Math.max(scale, Math.abs(matrix[i]));
        }
        double defect = scaledMetricDefect(matrix, scale);
        if (!(defect <= METRIC_TOLERANCE)) {
            throw new IllegalArgumentException("not a Lorentz transformation: max |ΛᵀηΛ − η| / max|Λ|² = " + defect
                    + " exceeds " + METRIC_TOLERANCE + " for " + Arrays.toString(matrix));
        }
    }

    /** The identity transformation. */
    public static LorentzTransform identity() {
        double[] m = new double[N * N];
        for (int i = 0; i < N; i++) {
            m[i * N + i] = 1;
        }
        return new LorentzTransform(m);
    }

    /**
     * The pure boost with rapidity {@code φ} along the unit vector {@code n}: coordinates of an event in a
     * frame moving with velocity {@code β = tanh φ} along {@code n}. A negative rapidity boosts along
     * {@code −n}.
     *
     * @param unitDirection {@code (n_x, n_y, n_z)} with {@code |n| = 1} within {@value #UNIT_TOLERANCE}
     * @param rapidity      {@code φ = atanh β}, finite
     */
    public static LorentzTransform boost(double[] unitDirection, double rapidity) {
        Objects.requireNonNull(unitDirection, "unitDirection");
        if (unitDirection.length != 3) {
            throw new IllegalArgumentException("a boost direction has 3 components, got " + unitDirection.length);
        }
        double[] n = unitVector(unitDirection, "boost direction");
        if (!Double.isFinite(rapidity)) {
            throw new IllegalArgumentException("rapidity must be finite, got " + rapidity);
        }
        double ch = StrictMath.cosh(rapidity);
        double sh = StrictMath.sinh(rapidity);
        // cosh φ − 1 = 2 sinh²(φ/2), without the cancellation of the direct form for small φ
        double sh2 = StrictMath.sinh(rapidity / 2);
        double chm1 = 2 * sh2 * sh2;
        double[] m = new double[N * N];
        m[0] = ch;
        for (int i = 0; i < 3; i++) {
            m[i + 1] = -sh * n[i];
            m[(i + 1) * N] = -sh * n[i];
            for (int j = 0; j < 3; j++) {
                m[(i + 1) * N + j + 1] = (i == j ? 1 : 0) + chm1 * n[i] * n[j];
            }
        }
        return new LorentzTransform(m);
    }

    /**
     * The active right-handed rotation by {@code angle} about {@code axis} (any non-zero length), by
     * Rodrigues' formula {@code R = cos θ I + sin θ [n]ₓ + (1 − cos θ) n nᵀ}; time is unchanged.
     */
    public static LorentzTransform rotation(double[] axis, double angle) {
        Objects.requireNonNull(axis, "axis");
        if (axis.length != 3) {
            throw new IllegalArgumentException("a rotation axis has 3 components, got " + axis.length);
        }
        double norm = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("rotation axis must be non-zero and finite, got " + Arrays.toString(axis));
        }
        if (!Double.isFinite(angle)) {
            throw new IllegalArgumentException("rotation angle must be finite, got " + angle);
        }
        double[] n = {axis[0] / norm, axis[1] / norm, axis[2] / norm};
        double c = StrictMath.cos(angle);
        double s = StrictMath.sin(angle);
        double half = StrictMath.sin(angle / 2);
        double omc = 2 * half * half; // 1 − cos θ without cancellation for small θ
        double[][] k = {{0, -n[2], n[1]}, {n[2], 0, -n[0]}, {-n[1], n[0], 0}};
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i * 3 + j] = (i == j ? c : 0) + s * k[i][j] + omc * n[i] * n[j];
            }
        }
        return spatial(r);
    }

    /**
     * The rotation represented by the unit quaternion {@code w + x i + y j + z k}: the active rotation by
     * {@code 2 acos w} about {@code (x, y, z)}.
     *
     * @throws IllegalArgumentException if the quaternion's norm differs from 1 by more than
     *         {@value #UNIT_TOLERANCE}
     */
    public static LorentzTransform rotationFromQuaternion(double w, double x, double y, double z) {
        double[] q = unitVector(new double[] {w, x, y, z}, "rotation quaternion");
        w = q[0];
        x = q[1];
        y = q[2];
        z = q[3];
        double[] r = {
            1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)};
        return spatial(r);
    }

    /**
     * A rotation uniformly distributed on {@code SO(3)} (Haar measure), from a uniform unit quaternion
     * by Shoemake's subgroup algorithm; uses three {@code nextDouble()} draws.
     */
    public static LorentzTransform randomRotation(RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        double u3 = rng.nextDouble();
        double s1 = Math.sqrt(1 - u1);
        double s2 = Math.sqrt(u1);
        double a1 = TWO_PI * u2;
        double a2 = TWO_PI * u3;
        double w = s2 * StrictMath.cos(a2);
        double x = s1 * StrictMath.sin(a1);
        double y = s1 * StrictMath.cos(a1);
        double z = s2 * StrictMath.sin(a2);
        return rotationFromQuaternion(w, x, y, z);
    }

    /**
     * A random proper orthochronous Lorentz transformation {@code Λ = R₁ · B(n, φ) · R₂}: {@code R₁, R₂}
     * Haar-random rotations, {@code n} uniform on the unit sphere, {@code φ} uniform in
     * {@code [0, maxRapidity]}. Uniform rapidity is the natural measure along one boost axis, where
     * rapidities add; it bounds {@code γ ≤ cosh φ_max}, which keeps transformed states in a bounded range.
     * (Since {@code R₁ B(n, φ) R₁ᵀ = B(R₁n, φ)}, the result is a boost along an isotropic direction
     * followed by an independent Haar rotation; the three-factor form follows Wetzel et al.)
     *
     * @param rng         the source of randomness; the same generator state gives the same transformation
     * @param maxRapidity {@code φ_max ≥ 0}, finite
     */
    public static LorentzTransform random(RandomGenerator rng, double maxRapidity) {
        Objects.requireNonNull(rng, "rng");
        if (!(maxRapidity >= 0) || !Double.isFinite(maxRapidity)) {
            throw new IllegalArgumentException("maxRapidity must be finite and non-negative, got " + maxRapidity);
        }
        LorentzTransform r1 = randomRotation(rng);
        double[] n = randomDirection(rng);
        double phi = maxRapidity * rng.nextDouble();
        LorentzTransform r2 = randomRotation(rng);
        return r1.compose(boost(n, phi)).compose(r2);
    }

    /** A copy of the 16 entries {@code Λ^μ_ν}, row-major. */
    @Override
    public double[] matrix() {
        return matrix.clone();
    }

    /** The entry {@code Λ^μ_ν}. */
    public double get(int mu, int nu) {
        if (mu < 0 || mu >= N || nu < 0 || nu >= N) {
            throw new IndexOutOfBoundsException("entry (" + mu + ", " + nu + ") outside 4 × 4");
        }
        return matrix[mu * N + nu];
    }

    /** The transformed event {@code x'^μ = Λ^μ_ν x^ν} of {@code event = (t, x, y, z)}. */
    public double[] apply(double[] event) {
        Minkowski.checkEvent(event, "event");
        double[] out = new double[N];
        for (int mu = 0; mu < N; mu++) {
            double s = 0;
            for (int nu = 0; nu < N; nu++) {
                s += matrix[mu * N + nu] * event[nu];
            }
            out[mu] = s;
        }
        return out;
    }

    /**
     * The transformed contravariant rank-2 antisymmetric tensor {@code F'^{μν} = Λ^μ_α Λ^ν_β F^{αβ}}, i.e.
     * {@code F' = Λ F Λᵀ}. Only the upper triangle is computed; the lower is its exact negative, so the
     * result is exactly antisymmetric.
     *
     * @param tensor 16 entries, row-major, antisymmetric within
     *               {@value FieldTensor#ANTISYMMETRY_TOLERANCE} of its largest entry
     */
    public double[] applyToFieldTensor(double[] tensor) {
        FieldTensor.checkAntisymmetric(tensor);
        double[] lf = new double[N * N];
        for (int mu = 0; mu < N; mu++) {
            for (int b = 0; b < N; b++) {
                double s = 0;
                for (int a = 0; a < N; a++) {
                    s += matrix[mu * N + a] * tensor[a * N + b];
                }
                lf[mu * N + b] = s;
            }
        }
        double[] out = new double[N * N];
        for (int mu = 0; mu < N; mu++) {
            for (int nu = mu + 1; nu < N; nu++) {
                double s = 0;
                for (int b = 0; b < N; b++) {
                    s += lf[mu * N + b] * matrix[nu * N + b];
                }
                out[mu * N + nu] = s;
                out[nu * N + mu] = -s;
            }
        }
        return out;
    }

    /** The inverse {@code Λ⁻¹ = η Λᵀ η}, exact (it only transposes and flips signs). */
    public LorentzTransform inverse() {
        double[] m = new double[N * N];
        for (int mu = 0; mu < N; mu++) {
            for (int nu = 0; nu < N; nu++) {
                m[mu * N + nu] = Minkowski.metric(mu) * matrix[nu * N + mu] * Minkowski.metric(nu);
            }
        }
        return new LorentzTransform(m);
    }

    /**
     * The product {@code this · other}: applies {@code other} first, then {@code this}.
     *
     * <p>The entries of the product carry rounding errors of order {@code 10⁻¹⁶·max|this|·max|other|}. When
     * two large boosts nearly cancel (Lorentz factors above about {@code 10³} whose product is close to a
     * rotation) these errors exceed {@link #METRIC_TOLERANCE} of the product's own size, and the result is
     * refused with an {@link IllegalArgumentException} instead of being returned inaccurate.
     */
    public LorentzTransform compose(LorentzTransform other) {
        Objects.requireNonNull(other, "other");
        double[] m = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double s = 0;
                for (int k = 0; k < N; k++) {
                    s += matrix[i * N + k] * other.matrix[k * N + j];
                }
                m[i * N + j] = s;
            }
        }
        return new LorentzTransform(m);
    }

    /** {@code det Λ}: {@code +1} for proper, {@code −1} for improper transformations (up to rounding). */
    public double determinant() {
        double[] m = matrix;
        // Laplace expansion along the first two rows: 2×2 minors of rows 0–1 times complementary minors of rows 2–3
        double s0 = m[0] * m[5] - m[4] * m[1];
        double s1 = m[0] * m[6] - m[4] * m[2];
        double s2 = m[0] * m[7] - m[4] * m[3];
        double s3 = m[1] * m[6] - m[5] * m[2];
        double s4 = m[1] * m[7] - m[5] * m[3];
        double s5 = m[2] * m[7] - m[6] * m[3];
        double c5 = m[10] * m[15] - m[14] * m[11];
        double c4 = m[9] * m[15] - m[13] * m[11];
        double c3 = m[9] * m[14] - m[13] * m[10];
        double c2 = m[8] * m[15] - m[12] * m[11];
        double c1 = m[8] * m[14] - m[12] * m[10];
        double c0 = m[8] * m[13] - m[12] * m[9];
        return s0 * c5 - s1 * c4 + s2 * c3 + s3 * c2 - s4 * c1 + s5 * c0;
    }

    /** Whether {@code Λ⁰₀ > 0}, i.e. the transformation keeps the direction of time ({@code Λ⁰₀ ≥ 1}). */
    public boolean isOrthochronous() {
        return matrix[0] > 0;
    }

    /**
     * The unscaled metric defect {@code max_{μν} |(Λᵀ η Λ − η)_{μν}|}: zero for an exact Lorentz
     * transformation, of order {@code 10⁻¹⁶·max|Λ|²} after rounding.
     */
    public double metricDefect() {
        return scaledMetricDefect(matrix, 1.0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LorentzTransform l && Arrays.equals(l.matrix, matrix);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(matrix);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LorentzTransform[");
        for (int i = 0; i < N; i++) {
            sb.append(i == 0 ? "" : ", ").append(Arrays.toString(Arrays.copyOfRange(matrix, i * N, i * N + N)));
        }
        return sb.append(']').toString();
    }

    /** {@code max |(Λ/s)ᵀ η (Λ/s) − η/s²|}. */
    private static double scaledMetricDefect(double[] m, double scale) {
        double inv = 1.0 / scale;
        double max = 0;
        for (int mu = 0; mu < N; mu++) {
            for (int nu = mu; nu < N; nu++) {
                double s = 0;
                for (int a = 0; a < N; a++) {
                    s += Minkowski.metric(a) * (m[a * N + mu] * inv) * (m[a * N + nu] * inv);
                }
                double target = mu == nu ? Minkowski.metric(mu) * inv * inv : 0;
                max = Math.max(max, Math.abs(s - target));
            }
        }
        return max;
    }

    private static LorentzTransform spatial(double[] r) {
        double[] m = new double[N * N];
        m[0] = 1;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[(i + 1) * N + j + 1] = r[i * 3 + j];
            }
        }
        return new LorentzTransform(m);
    }

    private static double[] unitVector(double[] v, String what) {
        double sq = 0;
        for (double c : v) {
            sq += c * c;
        }
        double norm = Math.sqrt(sq);
        if (!(Math.abs(norm - 1) <= UNIT_TOLERANCE)) {
            throw new IllegalArgumentException(what + " must have unit length (within " + UNIT_TOLERANCE + "), got |"
                    + Arrays.toString(v) + "| = " + norm);
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    /** A direction uniform on the unit sphere: {@code cos ϑ} uniform in [−1, 1], azimuth uniform. */
    private static double[] randomDirection(RandomGenerator rng) {
        double z = 2 * rng.nextDouble() - 1;
        double a = TWO_PI * rng.nextDouble();
        double r = Math.sqrt(Math.max(0, 1 - z * z));
        return new double[] {r * StrictMath.cos(a), r * StrictMath.sin(a), z};
    }
}
