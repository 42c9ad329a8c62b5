package org.invariantlab.core.score;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.invariantlab.physics.lorentz.LorentzTransform;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;

/**
 * Small analytic systems for scoring tests, independent of the plugins: Minkowski events grouped by Lorentz
 * transformations ({@code s2}), and planar central-force states grouped by rotations, which preserve the
 * angular momentum {@code L = x·vy − y·vx} and the energy {@code E = (vx² + vy²)/2 − 1/r}, optionally with
 * {@code L ≡ 1} on all data (a sub-manifold).
 */
final class TestSystems {

    private TestSystems() {
    }

    /** A system model defined by its invariants and a sampler. */
    record Model(StateSpace stateSpace, List<TrueInvariant> invariants, Function<SamplingRequest, GroupedData> sampler)
            implements SystemModel {
        @Override
        public GroupedData sample(SamplingRequest request) {
            return sampler.apply(request);
        }
    }

    static double s2(double[] e) {
        return -e[0] * e[0] + e[1] * e[1] + e[2] * e[2] + e[3] * e[3];
    }

    static double[] s2Gradient(double[] e) {
        return new double[] {-2 * e[0], 2 * e[1], 2 * e[2], 2 * e[3]};
    }

    /** Events uniform in {@code [−1, 1]⁴}, each group its Lorentz images with rapidity up to 0.5. */
    static Model minkowski() {
        TrueInvariant s2 = new TrueInvariant("s2", "-t^2+x^2+y^2+z^2", "interval", ScalarField.of(TestSystems::s2, TestSystems::s2Gradient));
        return new Model(StateSpace.of("t", "x", "y", "z"), List.of(s2), r -> {
            SplittableRandom rng = new SplittableRandom(r.seed());
            double[] v = new double[r.groups() * r.perGroup() * 4];
            int k = 0;
            for (int g = 0; g < r.groups(); g++) {
                double[] event = {uniform(rng), uniform(rng), uniform(rng), uniform(rng)};
                for (int m = 0; m < r.perGroup(); m++) {
                    double[] e = m == 0 ? event : LorentzTransform.random(rng, 0.5).apply(event);
                    System.arraycopy(e, 0, v, k, 4);
                    k += 4;
                }
            }
            return new GroupedData(List.of("t", "x", "y", "z"), r.groups(), r.perGroup(), v);
        });
    }

    static double angularMomentum(double[] s) {
        return s[0] * s[3] - s[1] * s[2];
    }

    static double[] angularMomentumGradient(double[] s) {
        return new double[] {s[3], -s[2], -s[1], s[0]};
    }

    static double energy(double[] s) {
        return (s[2] * s[2] + s[3] * s[3]) / 2 - 1 / Math.hypot(s[0], s[1]);
    }

    static double[] energyGradient(double[] s) {
        double r = Math.hypot(s[0], s[1]);
        double r3 = r * r * r;
        return new double[] {s[0] / r3, s[1] / r3, s[2], s[3]};
    }

    static final TrueInvariant L = new TrueInvariant("L", "x*vy-y*vx", "angular momentum",
            ScalarField.of(TestSystems::angularMomentum, TestSystems::angularMomentumGradient));
    static final TrueInvariant E = new TrueInvariant("E", "(vx^2+vy^2)/2-1/Sqrt(x^2+y^2)", "energy",
            ScalarField.of(TestSystems::energy, TestSystems::energyGradient));

    /**
     * Planar states {@code (x, y, vx, vy)}: a base state per group (radius in {@code [0.5, 1.5]}, velocity
     * components in {@code [−1, 1]}, or {@code vy = 1/r} from the x axis when {@code fixedL}, which makes
     * {@code L = 1}), each member a rotation of it by a random angle.
     */
    static Model planar(boolean fixedL) {
        return new Model(StateSpace.of("x", "y", "vx", "vy"), List.of(L, E), r -> {
            SplittableRandom rng = new SplittableRandom(r.seed());
            double[] v = new double[r.groups() * r.perGroup() * 4];
            int k = 0;
            for (int g = 0; g < r.groups(); g++) {
                double radius = 0.5 + rng.nextDouble();
                double[] base;
                if (fixedL) {
                    base = new double[] {radius, 0, uniform(rng), 1 / radius};
                } else {
                    double phi = 2 * Math.PI * rng.nextDouble();
                    base = new double[] {radius * Math.cos(phi), radius * Math.sin(phi), uniform(rng), uniform(rng)};
                }
                for (int m = 0; m < r.perGroup(); m++) {
                    double a = 2 * Math.PI * rng.nextDouble();
                    double c = Math.cos(a);
                    double s = Math.sin(a);
                    v[k++] = c * base[0] - s * base[1];
                    v[k++] = s * base[0] + c * base[1];
                    v[k++] = c * base[2] - s * base[3];
                    v[k++] = s * base[2] + c * base[3];
                }
            }
            return new GroupedData(List.of("x", "y", "vx", "vy"), r.groups(), r.perGroup(), v);
        });
    }

    private static double uniform(SplittableRandom rng) {
        return 2 * rng.nextDouble() - 1;
    }
}
