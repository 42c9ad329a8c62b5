package org.invariantlab.core.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.Interpretation;
import org.invariantlab.api.symbolic.InterpretationContext;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.testkit.FiniteDifferences;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A latent is only defined up to an unknown, usually curved, monotone reparametrisation {@code f = g(I)}. The
 * {@code polynomial} interpreter at its defaults must give back {@code I} itself, exactly (up to sign, without a
 * constant), for curved {@code g} (tanh, exp, a cubic) of polynomial invariants, of an invariant that needs a
 * system feature ({@code 1/r}), and of a cubic Hamiltonian whose degree it is not told. Latents carry the noise a
 * trained network has: {@value #NOISE} of the value and, relative, of each gradient component (methods.md §10).
 */
class ExactReadingTest {

    /** Relative noise of the latent's value and gradient, about that of the networks of the reproduction. */
    private static final double NOISE = 1e-3;
    private static final int STATES = 1000;

    private static final StateSpace MINKOWSKI = StateSpace.of("t", "x", "y", "z");
    private static final StateSpace KEPLER = StateSpace.of("x", "y", "vx", "vy");
    private static final StateSpace PLANE = StateSpace.of("x", "y", "px", "py");
    private static final Feature INV_R = new Feature("invR", "1/Sqrt(x^2+y^2)", s -> 1 / Math.hypot(s[0], s[1]));

    private static final PolynomialInterpreter INTERPRETER = new PolynomialInterpreter();

    /** A known invariant, where its states live, and the features the system declares. */
    record Case(String name, StateSpace space, String expression, ToDoubleFunction<double[]> invariant,
                List<Feature> features, double[] states) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A monotone reparametrisation, named. */
    record Curve(String name, DoubleUnaryOperator g) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> curvedLatents() {
        List<Case> cases = List.of(
                new Case("Minkowski norm", MINKOWSKI, "t^2-x^2-y^2-z^2",
                        s -> s[0] * s[0] - s[1] * s[1] - s[2] * s[2] - s[3] * s[3], List.of(), box(4, STATES, 1, 1.0)),
                new Case("Kepler energy", KEPLER, "(vx^2+vy^2)/2-1/Sqrt(x^2+y^2)",
                        s -> (s[2] * s[2] + s[3] * s[3]) / 2 - 1 / Math.hypot(s[0], s[1]), List.of(INV_R),
                        annulus(STATES, 2)),
                new Case("angular momentum", KEPLER, "x*vy-y*vx", s -> s[0] * s[3] - s[1] * s[2], List.of(INV_R),
                        annulus(STATES, 3)),
                new Case("Henon-Heiles Hamiltonian", PLANE, "(px^2+py^2)/2+(x^2+y^2)/2+x^2*y-y^3/3",
                        s -> (s[2] * s[2] + s[3] * s[3]) / 2 + (s[0] * s[0] + s[1] * s[1]) / 2 + s[0] * s[0] * s[1]
                                - s[1] * s[1] * s[1] / 3, List.of(), box(4, STATES, 4, 0.6)));
        List<Curve> curves = List.of(
                new Curve("tanh", i -> Math.tanh(0.8 * i)),
                new Curve("exp", i -> Math.exp(0.7 * i)),
                new Curve("cubic", i -> i + 0.5 * i * i * i),
                new Curve("-atan", i -> -Math.atan(2 * i)));
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases) {
            for (Curve g : curves) {
                out.add(Arguments.of(c, g));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1} of the {0}")
    @MethodSource("curvedLatents")
    void readsTheInvariantBehindACurvedLatentExactly(Case c, Curve g) {
        ScalarField latent = networkLike(s -> g.g().applyAsDouble(c.invariant().applyAsDouble(s)), 11);
        InterpretationContext context = new InterpretationContext(c.space(), c.features(), c.states());

        Interpretation reading = INTERPRETER.interpret(latent, context,
                Parameters.resolve("polynomial", INTERPRETER.parameters(), Map.of()));

        System.out.printf("%s of %s: %s  [%s, alignment %.6f]%n", g, c, reading.expression(), reading.reading(),
                reading.networkAlignment());
        List<String> variables = c.space().variables();
        assertTrue(Cas.equivalent(reading.expression(), c.expression(), variables)
                        || Cas.equivalent(reading.expression(), "-(" + c.expression() + ")", variables),
                g + " of " + c + " read as " + reading.expression() + ", expected ±(" + c.expression() + ")");
        // the network alignment of an exact formula is limited only by the latent's gradient noise
        assertTrue(reading.networkAlignment() > 1 - 10 * NOISE, "alignment " + reading.networkAlignment());
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /**
     * {@code f} with the noise of a trained network: {@link #NOISE} on the value, and relative {@link #NOISE} on
     * each component of its smooth gradient; the same noise at the same state.
     */
    static ScalarField networkLike(ToDoubleFunction<double[]> f, long seed) {
        return ScalarField.of(s -> f.applyAsDouble(s) + NOISE * noise(s, seed).nextGaussian(), s -> {
            double[] g = FiniteDifferences.gradient(f::applyAsDouble, s, FiniteDifferences.DEFAULT_RELATIVE_STEP);
            double norm = 0;
            for (double v : g) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            Random r = noise(s, seed + 1);
            for (int i = 0; i < g.length; i++) {
                g[i] += NOISE * norm * r.nextGaussian();
            }
            return g;
        });
    }

    private static Random noise(double[] s, long seed) {
        long h = seed;
        for (double v : s) {
            h = 31 * h + Double.hashCode(v);
        }
        return new Random(h);
    }

    /** {@code n} states uniform in [−half, half]^d. */
    static double[] box(int d, int n, long seed, double half) {
        Random random = new Random(seed);
        double[] out = new double[n * d];
        for (int i = 0; i < out.length; i++) {
            out[i] = half * (2 * random.nextDouble() - 1);
        }
        return out;
    }

    /** {@code n} Kepler states with radius in [0.5, 2] and velocities in [−1, 1]. */
    static double[] annulus(int n, long seed) {
        Random random = new Random(seed);
        double[] out = new double[4 * n];
        for (int i = 0; i < n; i++) {
            double r = 0.5 + 1.5 * random.nextDouble();
            double phi = 2 * Math.PI * random.nextDouble();
            out[4 * i] = r * Math.cos(phi);
            out[4 * i + 1] = r * Math.sin(phi);
            out[4 * i + 2] = 2 * random.nextDouble() - 1;
            out[4 * i + 3] = 2 * random.nextDouble() - 1;
        }
        return out;
    }
}
