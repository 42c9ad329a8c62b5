package org.invariantlab.plugins.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.Interpretation;
import org.invariantlab.api.symbolic.InterpretationContext;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.junit.jupiter.api.Test;

/**
 * The search on functions whose invariant is known, through a monotone reparametrisation {@code atan} (what a
 * network learns): the pendulum's energy (outside any polynomial library) is found with a misalignment at rounding
 * level; the same seed gives the same front; the budget bounds the time.
 */
class SymbolicRegressionInterpreterTest {

    private static final SymbolicRegressionInterpreter SR = new SymbolicRegressionInterpreter();

    private static ScalarField latent(ToDoubleFunction<double[]> invariant) {
        ToDoubleFunction<double[]> f = x -> Math.atan(invariant.applyAsDouble(x));
        return ScalarField.of(f, x -> SymbolicRegressionInterpreter.centralGradient(f, x));
    }

    private static InterpretationContext box(StateSpace space, int n, long seed, double half) {
        Random r = new Random(seed);
        double[] s = new double[n * space.dimension()];
        for (int i = 0; i < s.length; i++) {
            s[i] = half * (2 * r.nextDouble() - 1);
        }
        return new InterpretationContext(space, List.of(), s);
    }

    private static Parameters params(Map<String, String> p) {
        return Parameters.resolve(SR.id(), SR.parameters(), p);
    }

    @Test
    void thePendulumsEnergyIsFoundOutsideEveryPolynomialLibrary() {
        StateSpace qp = StateSpace.of("q", "p");
        ScalarField f = latent(x -> x[1] * x[1] / 2 - Math.cos(x[0]));
        Interpretation r = SR.interpret(f, box(qp, 200, 1, 2.5), params(Map.of()));
        // misalignment 1 − cos² at rounding level: the energy or a function of it (the search is blind to g)
        assertTrue(r.networkAlignment() > 1 - 1e-6, r.expression() + ": " + r.networkAlignment() + " " + r.reading() + " " + r.alternatives());
        assertTrue(r.expression().contains("Cos(q)") || r.expression().contains("Sin("), r.expression());
        assertFalse(r.alternatives().isEmpty(), "the Pareto front is returned");
        for (int i = 1; i < r.alternatives().size(); i++) {
            assertTrue(r.alternatives().get(i).complexity() > r.alternatives().get(i - 1).complexity()
                    && r.alternatives().get(i).misalignment() < r.alternatives().get(i - 1).misalignment(),
                    "a front: larger trees fit strictly better " + r.alternatives());
        }
    }

    @Test
    void theSameSeedGivesTheSameFrontAndTheBudgetBoundsTheTime() {
        StateSpace xyz = StateSpace.of("x0", "x1", "x2");
        // Ha & Jeong's S2: 3 x0 + 2 sin x1 + sqrt|x0| x2³
        ScalarField f = latent(x -> 3 * x[0] + 2 * Math.sin(x[1]) + Math.sqrt(Math.abs(x[0])) * x[2] * x[2] * x[2]);
        InterpretationContext c = box(xyz, 150, 2, 3);
        Map<String, String> p = Map.of("generations", "15", "population", "150", "seed", "7");
        Interpretation a = SR.interpret(f, c, params(p));
        Interpretation b = SR.interpret(f, c, params(p));
        assertEquals(a.expression(), b.expression());
        assertEquals(a.alternatives(), b.alternatives());
        long t0 = System.nanoTime();
        Interpretation cut = SR.interpret(f, c, params(Map.of("generations", "100000", "budget", "2")));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 10, "a budget of 2 s took " + seconds + " s");
        assertTrue(cut.reading().contains("cut short by the budget"), cut.reading());
    }
}
