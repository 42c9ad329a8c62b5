package org.invariantlab.testkit;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.api.system.VectorField;

/**
 * Test fixture: the harmonic oscillator {@code H = (q² + p²)/2}, {@code dq/dt = p}, {@code dp/dt = −q}. A
 * group is a set of states on one circle {@code q² + p² = 2H}. A {@link Fault} breaks one property on purpose,
 * so the tests can show that the contract notices.
 */
final class OscillatorSystem implements PhysicalSystem {

    /** A deliberate defect. */
    enum Fault {
        NONE,
        /** the gradient is off by a factor 1.01 in one component */
        WRONG_GRADIENT,
        /** the vector field rotates the wrong way round and stretches: h = (p, q) */
        NOT_CONSERVED,
        /** the expression lacks the factor 1/2 */
        EXPRESSION_MISMATCH,
        /** the expression names a variable the state does not have */
        UNKNOWN_SYMBOL,
        /** the members of a group are 1e-6 off the circle */
        DRIFT,
        /** the vector field's formulas say h = (p, q) while the field is (p, -q) */
        FIELD_FORMULA_MISMATCH,
        /** the sample depends on a counter, not only on the seed */
        NOT_REPRODUCIBLE,
        /** the sample ignores the seed */
        IGNORES_SEED,
        /** a refusal names the wrong parameter */
        MISNAMED_REFUSAL,
        /** the feature is infinite at every state */
        INFINITE_FEATURE,
        /** the description runs over two lines */
        TWO_LINE_DESCRIPTION
    }

    private static final StateSpace SPACE = new StateSpace(List.of("q", "p"),
            Optional.of(new CanonicalLayout(List.of(0), List.of(1))));

    private final Fault fault;
    private int calls;

    OscillatorSystem() {
        this(Fault.NONE);
    }

    OscillatorSystem(Fault fault) {
        this.fault = fault;
    }

    @Override
    public String id() {
        return "oscillator";
    }

    @Override
    public String description() {
        return fault == Fault.TWO_LINE_DESCRIPTION ? "harmonic oscillator\nH = (q^2+p^2)/2" : "harmonic oscillator H = (q^2+p^2)/2";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.real("energyMin", 0.5, 0.0, 100.0, "lowest energy of a group"),
                ParameterSpec.real("energyMax", 2.0, 0.0, 100.0, "highest energy of a group"));
    }

    @Override
    public StateSpace stateSpace() {
        return SPACE;
    }

    @Override
    public SystemModel configure(Parameters parameters) {
        double lo = parameters.getDouble("energyMin");
        double hi = parameters.getDouble("energyMax");
        if (lo > hi) {
            String name = fault == Fault.MISNAMED_REFUSAL ? "energyMax" : "energyMin";
            throw new InvalidParameterException(name, "energyMin = " + lo + " exceeds energyMax = " + hi);
        }
        return new Model(lo, hi);
    }

    private final class Model implements SystemModel {
        private final double lo;
        private final double hi;

        Model(double lo, double hi) {
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        public StateSpace stateSpace() {
            return SPACE;
        }

        @Override
        public GroupedData sample(SamplingRequest request) {
            long seed = switch (fault) {
                case NOT_REPRODUCIBLE -> request.seed() + calls++;
                case IGNORES_SEED -> 7;
                default -> request.seed();
            };
            SplittableRandom rng = new SplittableRandom(seed);
            double[] v = new double[request.groups() * request.perGroup() * 2];
            int k = 0;
            for (int g = 0; g < request.groups(); g++) {
                double energy = lo + (hi - lo) * rng.nextDouble();
                double radius = Math.sqrt(2 * energy);
                for (int m = 0; m < request.perGroup(); m++) {
                    double phase = 2 * Math.PI * rng.nextDouble();
                    double r = fault == Fault.DRIFT ? radius * (1 + 1e-6 * m) : radius;
                    v[k++] = r * Math.cos(phase);
                    v[k++] = r * Math.sin(phase);
                }
            }
            return new GroupedData(SPACE.variables(), request.groups(), request.perGroup(), v);
        }

        @Override
        public List<TrueInvariant> invariants() {
            String expression = switch (fault) {
                case EXPRESSION_MISMATCH -> "q^2 + p^2";
                case UNKNOWN_SYMBOL -> "(q^2 + pp^2)/2";
                default -> "(q^2 + p^2)/2";
            };
            return List.of(new TrueInvariant("H", expression, "energy", new ScalarField() {
                @Override
                public double value(double[] x) {
                    return 0.5 * (x[0] * x[0] + x[1] * x[1]);
                }

                @Override
                public double[] gradient(double[] x) {
                    double scale = fault == Fault.WRONG_GRADIENT ? 1.01 : 1.0;
                    return new double[] {x[0] * scale, x[1]};
                }
            }));
        }

        @Override
        public Optional<List<String>> vectorFieldExpressions() {
            return Optional.of(fault == Fault.FIELD_FORMULA_MISMATCH ? List.of("p", "q") : List.of("p", "-q"));
        }

        @Override
        public Optional<VectorField> vectorField() {
            return Optional.of(fault == Fault.NOT_CONSERVED ? x -> new double[] {x[1], x[0]} : x -> new double[] {x[1], -x[0]});
        }

        @Override
        public List<Feature> extraFeatures() {
            return List.of(new Feature("absQ", "Abs(q)",
                    fault == Fault.INFINITE_FEATURE ? x -> Double.POSITIVE_INFINITY : x -> Math.abs(x[0])));
        }
    }
}
