package org.invariantlab.plugins.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.ConservedCounts;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.physics.dynamics.Dynamics;
import org.invariantlab.physics.dynamics.DynamicalSystem;
import org.invariantlab.physics.dynamics.Range;
import org.pf4j.Extension;

/**
 * The 2-D harmonic oscillator {@code H = (px² + py²)/2 + (ωx² x² + ωy² y²)/2}: {@code ẋ = px, ẏ = py,
 * ṗx = −ωx² x, ṗy = −ωy² y}. The two motions separate, so {@code Ex = (px² + ωx² x²)/2} and {@code Ey} likewise are
 * conserved and commute. A resonance adds a third independent invariant (not in involution with both):
 * <ul>
 *   <li>isotropic {@code ωx = ωy = ω} (the default): the angular momentum {@code L = x·py − y·px} and the Fradkin
 *       tensor component {@code K = ω²·x·y + px·py} ({@code K² + ω²L² = 4·Ex·Ey}, so {@code K} is not independent of
 *       {@code Ex, Ey, L}, but it is the fourth one a reader may find): 3 independent, 2 in involution;</li>
 *   <li>1:2 ({@code ωy = 2ωx}): with the complex amplitudes {@code a = ωx·x + i·px}, {@code b = ωy·y + i·py}
 *       ({@code a ∝ e^{−iωx t}}, {@code b ∝ e^{−2iωx t}}), {@code a²·b̄} is constant; its real part
 *       {@code R = ωy·y·(ωx²x² − px²) + 2ωx·x·px·py} is the third invariant: 3 independent, 2 in involution;</li>
 *   <li>frequencies whose ratio is not within 10⁻⁹ of a ratio p/q of integers up to 6 (e.g. 1:√2): the trajectories
 *       fill their tori, only {@code Ex, Ey} remain: 2 and 2. Other small-integer ratios have a third invariant of
 *       higher degree that is not listed, so no counts are declared for them.</li>
 * </ul>
 * Initial states are uniform in {@code [−1, 1]⁴}; {@code tMax = 10} covers more than one period {@code 2π/ω} of each
 * motion for the default frequencies.
 *
 * <p>References: H. Goldstein, C. Poole, J. Safko, <i>Classical Mechanics</i>, 3rd ed. (Addison-Wesley, 2002), §§6.2,
 * 9.7; D. M. Fradkin, Am. J. Phys. 33, 207 (1965); S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys.
 * Rev. Research 2, 033499 (2020); Z. Liu, V. Madhavan, M. Tegmark, Phys. Rev. E 106, 045307 (2022) (counts).
 */
@Extension
public final class Oscillator2dSystem extends DynamicalSystem {

    /** Largest numerator and denominator of a frequency ratio treated as a resonance. */
    static final int MAX_RESONANCE = 6;

    /** Built by PF4J (or the host's injector). */
    public Oscillator2dSystem() {
        super("oscillator-2d", "2-D harmonic oscillator (isotropic by default); invariants Ex, Ey and, for the 1:1 and "
                + "1:2 resonances, a third (L and K, or R)", new StateSpace(List.of("x", "y", "px", "py"),
                        Optional.of(new CanonicalLayout(List.of(0, 1), List.of(2, 3)))), 10.0,
                ParameterSpec.realIn("omegaX", 1, Bound.above(0), Bound.atMost(100), "angular frequency along x"),
                ParameterSpec.realIn("omegaY", 1, Bound.above(0), Bound.atMost(100), "angular frequency along y"));
    }

    @Override
    protected Dynamics dynamics(Parameters p) {
        double ox = p.getDouble("omegaX");
        double oy = p.getDouble("omegaY");
        double wx = ox * ox, wy = oy * oy;
        List<TrueInvariant> invariants = new ArrayList<>(List.of(
                invariant("Ex", "(px^2 + " + number(wx) + "*x^2)/2", "energy of the x motion",
                        s -> (s[2] * s[2] + wx * s[0] * s[0]) / 2, s -> new double[] {wx * s[0], 0, s[2], 0}),
                invariant("Ey", "(py^2 + " + number(wy) + "*y^2)/2", "energy of the y motion",
                        s -> (s[3] * s[3] + wy * s[1] * s[1]) / 2, s -> new double[] {0, wy * s[1], 0, s[3]})));
        Optional<ConservedCounts> counts;
        if (wx == wy) {
            invariants.add(invariant("L", "x*py - y*px", "angular momentum (isotropic case)",
                    s -> s[0] * s[3] - s[1] * s[2], s -> new double[] {s[3], -s[2], -s[1], s[0]}));
            invariants.add(invariant("K", number(wx) + "*x*y + px*py", "Fradkin tensor component (isotropic case)",
                    s -> wx * s[0] * s[1] + s[2] * s[3], s -> new double[] {wx * s[1], wx * s[0], s[3], s[2]}));
            counts = Optional.of(ConservedCounts.of(3, 2));
        } else if (oy == 2 * ox || ox == 2 * oy) {
            boolean yFast = oy == 2 * ox;
            // slow motion (a), fast motion (b): R = Re(a² b̄) = ωb·yb·(ωa²·xa² − pa²) + 2ωa·xa·pa·pb
            int xa = yFast ? 0 : 1, xb = yFast ? 1 : 0, pa = xa + 2, pb = xb + 2;
            double oa = yFast ? ox : oy, ob = yFast ? oy : ox;
            String va = yFast ? "x" : "y", vb = yFast ? "y" : "x";
            String expression = number(ob) + "*" + vb + "*(" + number(oa * oa) + "*" + va + "^2 - p" + va + "^2) + "
                    + number(2 * oa) + "*" + va + "*p" + va + "*p" + vb;
            invariants.add(invariant("R", expression, "1:2 resonance invariant Re(a^2 conj(b))",
                    s -> ob * s[xb] * (oa * oa * s[xa] * s[xa] - s[pa] * s[pa]) + 2 * oa * s[xa] * s[pa] * s[pb],
                    s -> {
                        double[] g = new double[4];
                        g[xa] = 2 * ob * s[xb] * oa * oa * s[xa] + 2 * oa * s[pa] * s[pb];
                        g[xb] = ob * (oa * oa * s[xa] * s[xa] - s[pa] * s[pa]);
                        g[pa] = -2 * ob * s[xb] * s[pa] + 2 * oa * s[xa] * s[pb];
                        g[pb] = 2 * oa * s[xa] * s[pa];
                        return g;
                    }));
            counts = Optional.of(ConservedCounts.of(3, 2));
        } else {
            counts = nearResonance(ox / oy) ? Optional.empty() : Optional.of(ConservedCounts.of(2, 2));
        }
        Dynamics dynamics = Dynamics.of(s -> new double[] {s[2], s[3], -wx * s[0], -wy * s[1]}, invariants,
                Range.symmetric(1), Range.symmetric(1), Range.symmetric(1), Range.symmetric(1))
                .withFieldExpressions(List.of("px", "py", "-" + number(wx) + "*x", "-" + number(wy) + "*y"));
        return counts.map(dynamics::withCounts).orElse(dynamics);
    }

    /** Whether {@code ratio} is within 10⁻⁹ of p/q with integers p, q ≤ {@value #MAX_RESONANCE}. */
    static boolean nearResonance(double ratio) {
        for (int q = 1; q <= MAX_RESONANCE; q++) {
            for (int pp = 1; pp <= MAX_RESONANCE; pp++) {
                if (Math.abs(ratio - (double) pp / q) < 1e-9 * ratio) {
                    return true;
                }
            }
        }
        return false;
    }
}
