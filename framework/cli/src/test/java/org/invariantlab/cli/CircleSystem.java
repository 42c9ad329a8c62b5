package org.invariantlab.cli;

import java.util.List;
import java.util.SplittableRandom;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;

/**
 * Test system, packed as a plugin by {@link ResultSafetyTest}: points of the plane under rotations, invariant {@code r2 = x² + y²}; a group is one circle
 * (radius uniform in [0.5, 1.5]) at random angles.
 */
@org.pf4j.Extension
public final class CircleSystem implements PhysicalSystem {

    private static final StateSpace SPACE = StateSpace.of("x", "y");

    static final TrueInvariant R2 = new TrueInvariant("r2", "x^2 + y^2", "squared radius",
            ScalarField.of(s -> s[0] * s[0] + s[1] * s[1], s -> new double[] {2 * s[0], 2 * s[1]}));

    @Override
    public String id() {
        return "circle";
    }

    @Override
    public String description() {
        return "points of the plane under rotations (test system)";
    }

    @Override
    public StateSpace stateSpace() {
        return SPACE;
    }

    @Override
    public SystemModel configure(Parameters parameters) {
        return new SystemModel() {
            @Override
            public StateSpace stateSpace() {
                return SPACE;
            }

            @Override
            public GroupedData sample(SamplingRequest r) {
                SplittableRandom rng = new SplittableRandom(r.seed());
                double[] v = new double[r.groups() * r.perGroup() * 2];
                int k = 0;
                for (int g = 0; g < r.groups(); g++) {
                    double radius = 0.5 + rng.nextDouble();
                    for (int m = 0; m < r.perGroup(); m++) {
                        double phi = 2 * Math.PI * rng.nextDouble();
                        v[k++] = radius * Math.cos(phi);
                        v[k++] = radius * Math.sin(phi);
                    }
                }
                return new GroupedData(SPACE.variables(), r.groups(), r.perGroup(), v);
            }

            @Override
            public List<TrueInvariant> invariants() {
                return List.of(R2);
            }
        };
    }
}
