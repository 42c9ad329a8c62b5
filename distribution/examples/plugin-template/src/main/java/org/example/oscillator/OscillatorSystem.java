package org.example.oscillator;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.api.system.VectorField;
import org.pf4j.Extension;

/**
 * Two-dimensional isotropic harmonic oscillator with unit mass,
 * {@code H = (px² + py²)/2 + ω²(x² + y²)/2}, state {@code (x, y, px, py)}.
 *
 * <p>A group is a set of states on one trajectory, taken from the exact solution
 * {@code q(t) = q₀ cos ωt + (p₀/ω) sin ωt}, {@code p(t) = p₀ cos ωt − ω q₀ sin ωt} at random times.
 * True invariants: the energy {@code E = H} and the angular momentum {@code L = x·py − y·px}
 * (Goldstein, Poole, Safko, <i>Classical Mechanics</i>, 3rd ed., §3.7 and §9.7).
 */
@Extension
public final class OscillatorSystem implements PhysicalSystem {

    private static final StateSpace SPACE = new StateSpace(List.of("x", "y", "px", "py"),
            Optional.of(new CanonicalLayout(List.of(0, 1), List.of(2, 3))));

    @Override
    public String id() {
        return "oscillator";
    }

    @Override
    public String description() {
        return "2-D isotropic harmonic oscillator: energy and angular momentum (example plugin)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.realIn("omega", 1.0, Bound.above(0), Bound.atMost(10), "angular frequency ω > 0"),
                ParameterSpec.realIn("scale", 1.0, Bound.above(0), Bound.atMost(1e3),
                        "initial coordinates and momenta uniform in [-scale, scale]"));
    }

    @Override
    public StateSpace stateSpace() {
        return SPACE;
    }

    @Override
    public SystemModel configure(Parameters p) {
        double omega = p.getDouble("omega");
        double scale = p.getDouble("scale");
        if (omega * scale > 1e3) {
            throw new InvalidParameterException("scale", "omega × scale = " + omega * scale + " is too large; keep it at most 1e3");
        }
        return new Model(omega, scale);
    }

    private record Model(double omega, double scale) implements SystemModel {

        @Override
        public StateSpace stateSpace() {
            return SPACE;
        }

        @Override
        public GroupedData sample(SamplingRequest request) {
            SplittableRandom rng = new SplittableRandom(request.seed());
            int m = request.perGroup();
            double[] v = new double[request.groups() * m * 4];
            int k = 0;
            for (int g = 0; g < request.groups(); g++) {
                double[] s0 = new double[4];
                for (int i = 0; i < 4; i++) {
                    s0[i] = scale * (2 * rng.nextDouble() - 1);
                }
                for (int j = 0; j < m; j++) {
                    double wt = 2 * Math.PI * rng.nextDouble();
                    double c = Math.cos(wt);
                    double s = Math.sin(wt);
                    v[k++] = s0[0] * c + s0[2] / omega * s;
                    v[k++] = s0[1] * c + s0[3] / omega * s;
                    v[k++] = s0[2] * c - omega * s0[0] * s;
                    v[k++] = s0[3] * c - omega * s0[1] * s;
                }
            }
            return new GroupedData(SPACE.variables(), request.groups(), m, v);
        }

        @Override
        public List<TrueInvariant> invariants() {
            double w2 = omega * omega;
            TrueInvariant energy = new TrueInvariant("E", "(px^2+py^2)/2 + " + w2 + "*(x^2+y^2)/2", "energy",
                    ScalarField.of(s -> 0.5 * (s[2] * s[2] + s[3] * s[3]) + 0.5 * w2 * (s[0] * s[0] + s[1] * s[1]),
                            s -> new double[] {w2 * s[0], w2 * s[1], s[2], s[3]}));
            TrueInvariant angular = new TrueInvariant("L", "x*py - y*px", "angular momentum",
                    ScalarField.of(s -> s[0] * s[3] - s[1] * s[2], s -> new double[] {s[3], -s[2], -s[1], s[0]}));
            return List.of(energy, angular);
        }

        @Override
        public Optional<VectorField> vectorField() {
            double w2 = omega * omega;
            return Optional.of(s -> new double[] {s[2], s[3], -w2 * s[0], -w2 * s[1]});
        }
    }
}
