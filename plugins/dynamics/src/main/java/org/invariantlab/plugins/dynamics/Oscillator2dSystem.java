package org.invariantlab.plugins.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.physics.dynamics.Dynamics;
import org.invariantlab.physics.dynamics.DynamicalSystem;
import org.invariantlab.physics.dynamics.Range;
import org.pf4j.Extension;

/**
 * The 2-D harmonic oscillator {@code H = (px² + py²)/2 + (ωx² x² + ωy² y²)/2}: {@code ẋ = px, ẏ = py,
 * ṗx = −ωx² x, ṗy = −ωy² y}. The two motions separate, so {@code Ex = (px² + ωx² x²)/2} and {@code Ey} likewise are
 * conserved; when {@code ωx = ωy} (isotropic, the default {@code 1, 1}) the potential is rotation-symmetric and the
 * angular momentum {@code L = x·py − y·px} is conserved too ({@code dL/dt = (ωy² − ωx²)xy}, so only then; it is
 * declared only then). Initial states are uniform in {@code [−1, 1]⁴}; {@code tMax = 10} covers more than one period
 * {@code 2π/ω} of each motion for the default frequencies.
 *
 * <p>References: H. Goldstein, C. Poole, J. Safko, <i>Classical Mechanics</i>, 3rd ed. (Addison-Wesley, 2002), §§6.2,
 * 9.7; S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev. Research 2, 033499 (2020).
 */
@Extension
public final class Oscillator2dSystem extends DynamicalSystem {

    /** Built by PF4J (or the host's injector). */
    public Oscillator2dSystem() {
        super("oscillator-2d", "2-D harmonic oscillator (isotropic by default); invariants Ex, Ey and, if omegaX = omegaY, "
                + "L = x py - y px", new StateSpace(List.of("x", "y", "px", "py"),
                        Optional.of(new CanonicalLayout(List.of(0, 1), List.of(2, 3)))), 10.0,
                ParameterSpec.realIn("omegaX", 1, Bound.above(0), Bound.atMost(100), "angular frequency along x"),
                ParameterSpec.realIn("omegaY", 1, Bound.above(0), Bound.atMost(100), "angular frequency along y"));
    }

    @Override
    protected Dynamics dynamics(Parameters p) {
        double wx = p.getDouble("omegaX") * p.getDouble("omegaX"), wy = p.getDouble("omegaY") * p.getDouble("omegaY");
        List<TrueInvariant> invariants = new ArrayList<>(List.of(
                invariant("Ex", "(px^2 + " + number(wx) + "*x^2)/2", "energy of the x motion",
                        s -> (s[2] * s[2] + wx * s[0] * s[0]) / 2, s -> new double[] {wx * s[0], 0, s[2], 0}),
                invariant("Ey", "(py^2 + " + number(wy) + "*y^2)/2", "energy of the y motion",
                        s -> (s[3] * s[3] + wy * s[1] * s[1]) / 2, s -> new double[] {0, wy * s[1], 0, s[3]})));
        if (wx == wy) {
            invariants.add(invariant("L", "x*py - y*px", "angular momentum (isotropic case)",
                    s -> s[0] * s[3] - s[1] * s[2], s -> new double[] {s[3], -s[2], -s[1], s[0]}));
        }
        return Dynamics.of(s -> new double[] {s[2], s[3], -wx * s[0], -wy * s[1]}, invariants,
                Range.symmetric(1), Range.symmetric(1), Range.symmetric(1), Range.symmetric(1));
    }
}
