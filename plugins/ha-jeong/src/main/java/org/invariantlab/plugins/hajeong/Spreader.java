package org.invariantlab.plugins.hajeong;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The direction law of Ha &amp; Jeong's spreader: a unit vector {@code u} uniform on the unit sphere
 * {@code {u : ‖u‖_p = 1}} of one norm. The perturbation is {@code δ = r·u} with {@code r} drawn separately
 * (see {@link SpreaderPerturbation}), so {@code ‖δ‖_p = r}.
 *
 * <ul>
 *   <li>{@link #L2}: {@code u = g/‖g‖₂} with {@code g ~ N(0, I_d)}, uniform on the Euclidean sphere by the
 *       rotation invariance of the Gaussian (M. E. Muller, "A note on a method for generating points uniformly
 *       on n-dimensional spheres", Commun. ACM 2(4), 19, 1959);</li>
 *   <li>{@link #L1}: {@code u_i = s_i·e_i/Σ_j e_j} with {@code e_i ~ Exp(1)} and independent random signs
 *       {@code s_i}: {@code (e_i/Σe)} is uniform on the simplex, so {@code u} is uniform on the cross-polytope
 *       surface {@code ‖u‖₁ = 1} (L. Devroye, <i>Non-Uniform Random Variate Generation</i>, Springer 1986,
 *       §V.2);</li>
 *   <li>{@link #LINF}: a face of the cube {@code ‖u‖_∞ = 1} uniformly ({@code 2d} faces of equal area), the
 *       face's coordinate set to {@code ±1} and the others uniform in {@code (−1, 1)}, i.e. uniform on the
 *       cube's surface.</li>
 * </ul>
 * All faces of the L1 and L∞ spheres lie at the same distance from the origin, so "uniform on the surface"
 * and "uniform in angle seen from the origin" (the cone measure) coincide for all three. Every law is
 * symmetric under {@code u ↦ −u}, hence {@code E[u] = 0}.
 *
 * <p>The authors' code (nokpil/ConservNet, {@code plugin_L1}, {@code plugin_L2}, {@code plugin_L8}) differs in
 * details this project does not follow: its L2 direction normalises a vector uniform in the cube (slightly
 * biased towards the diagonals), its L1 variant uses a fixed norm and its L∞ variant a vector uniform in the
 * cube; here all three share the radial law of the paper's L2 spreader and an exactly uniform direction.
 */
public enum Spreader {
    /** Euclidean norm (the paper's default). */
    L2,
    /** Sum of absolute values. */
    L1,
    /** Largest absolute value. */
    LINF;

    /** The parameter value naming this spreader: {@code l2}, {@code l1} or {@code linf}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The spreader named {@code id} ({@code l2}, {@code l1}, {@code linf}). */
    public static Spreader of(String id) {
        for (Spreader s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown spreader '" + id + "'; allowed: l2, l1, linf");
    }

    /** The norm {@code ‖v‖_p} of {@code v[offset .. offset + d)}. */
    public double norm(double[] v, int offset, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            double a = Math.abs(v[offset + i]);
            switch (this) {
                case L2 -> s += a * a;
                case L1 -> s += a;
                case LINF -> s = Math.max(s, a);
                default -> throw new IllegalStateException(name());
            }
        }
        return this == L2 ? Math.sqrt(s) : s;
    }

    /** Writes a unit vector of this norm, uniform on its sphere, into {@code u[offset .. offset + d)}. */
    void direction(SplittableRandom rng, double[] u, int offset, int d) {
        switch (this) {
            case L2 -> {
                double n2;
                do {
                    n2 = 0;
                    for (int i = 0; i < d; i++) {
                        double g = rng.nextGaussian();
                        u[offset + i] = g;
                        n2 += g * g;
                    }
                } while (n2 == 0.0);
                double n = Math.sqrt(n2);
                for (int i = 0; i < d; i++) {
                    u[offset + i] /= n;
                }
            }
            case L1 -> {
                double sum;
                do {
                    sum = 0;
                    for (int i = 0; i < d; i++) {
                        double e = -Math.log1p(-rng.nextDouble());
                        u[offset + i] = rng.nextBoolean() ? e : -e;
                        sum += e;
                    }
                } while (sum == 0.0);
                for (int i = 0; i < d; i++) {
                    u[offset + i] /= sum;
                }
            }
            case LINF -> {
                int face = rng.nextInt(d);
                double sign = rng.nextBoolean() ? 1.0 : -1.0;
                for (int i = 0; i < d; i++) {
                    u[offset + i] = i == face ? sign : 2.0 * rng.nextDouble() - 1.0;
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }
}
