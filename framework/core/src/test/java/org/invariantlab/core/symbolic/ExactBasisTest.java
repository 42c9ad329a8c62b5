package org.invariantlab.core.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.Interpretation;
import org.invariantlab.api.symbolic.InterpretationContext;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.core.verdict.VerdictContext;
import org.invariantlab.core.verdict.VerdictKind;
import org.invariantlab.core.verdict.Verifier;
import org.junit.jupiter.api.Test;

/**
 * A basis, not a mixture, when the networks are unequally good (issue 18; the case of {@code count --system
 * oscillator-2d}): two networks encode mixtures of the isotropic oscillator's {@code Ex}, {@code Ey}, {@code L} well,
 * a third encodes {@code Ey} loosely. Read by the networks' agreement alone, the two good ones form a tier whose span
 * holds no two-term formula, so two four-term mixtures came back beside {@code y²+py²}; once the three readings are
 * exact and conserved on the trajectories, their span is {@code Ex, Ey, L} exactly and its simplest basis is printed:
 * three formulas of two terms each, each proven.
 */
class ExactBasisTest {

    /** Trajectories of the isotropic oscillator {@code H = (x²+y²+px²+py²)/2}: rotations of (x, px) and (y, py). */
    static double[] trajectories(int groups, int members, long seed) {
        Random random = new Random(seed);
        double[] states = new double[groups * members * 4];
        int at = 0;
        for (int g = 0; g < groups; g++) {
            double[] s0 = new double[4];
            for (int i = 0; i < 4; i++) {
                s0[i] = 2 * random.nextDouble() - 1;
            }
            for (int j = 0; j < members; j++) {
                double t = 6 * random.nextDouble();
                double c = Math.cos(t);
                double s = Math.sin(t);
                states[at++] = s0[0] * c + s0[2] * s;
                states[at++] = s0[1] * c + s0[3] * s;
                states[at++] = -s0[0] * s + s0[2] * c;
                states[at++] = -s0[1] * s + s0[3] * c;
            }
        }
        return states;
    }

    @Test
    void unequallyGoodNetworksOfTheOscillatorReadAsItsShortestExactBasis() {
        StateSpace space = new StateSpace(List.of("x", "y", "px", "py"),
                Optional.of(new CanonicalLayout(List.of(0, 1), List.of(2, 3))));
        int groups = 300;
        double[] states = trajectories(groups, 8, 3);
        ScalarField f1 = ExactReadingTest.networkLike(s -> Math.atan(SparseBasisTest.ex(s) + 0.4 * SparseBasisTest.l(s)), 41);
        ScalarField f2 = ExactReadingTest.networkLike(
                s -> Math.tanh(SparseBasisTest.ey(s) - 0.7 * SparseBasisTest.ex(s) + 0.2 * SparseBasisTest.l(s)), 42);
        // a loosely conserved network: Ey with a small part that is not conserved
        ScalarField f3 = ExactReadingTest.networkLike(s -> SparseBasisTest.ey(s) + 0.01 * Math.sin(3 * s[0]), 43);
        PolynomialInterpreter reader = new PolynomialInterpreter();
        List<Interpretation> readings = reader.interpretJointly(List.of(f1, f2, f3),
                new InterpretationContext(space, List.of(), states, groups),
                Parameters.resolve("polynomial", reader.parameters(), Map.of()));
        assertEquals(3, readings.size(), readings.toString());
        Verifier verifier = Verifier.of(new VerdictContext(space.variables(), Optional.of(List.of("px", "py", "-x", "-y")),
                space.canonical(), List.of(), RaggedGroups.of(space.variables(), List.of(states)), 1));
        for (Interpretation r : readings) {
            String expanded = Cas.eval("Expand(" + r.expression() + ")", space.variables());
            long terms = expanded.chars().filter(c -> c == '+' || c == '-').count() + (expanded.startsWith("-") ? 0 : 1);
            assertEquals(2, terms, "a short formula, not a mixture: " + readings);
            assertEquals(VerdictKind.PROVEN, verifier.verdict(r.expression(), r.formula()).kind(), r.expression());
        }
        assertTrue(verifier.set(readings.stream().map(Interpretation::expression).toList(),
                readings.stream().map(Interpretation::formula).toList()).independent(), readings.toString());
    }

    @Test
    void theExactSpanFindsTheVectorOnASupportAndOnlyWhenItIsUnique() {
        // span of (1, 1, 0, 0) + (0, 0, 1, 1) and (0, 0, 1, 1): the vector on columns {0, 1} is (1, 1, 0, 0)
        Rational one = Rational.of(1, 1);
        Rational zero = Rational.ZERO;
        RationalSpan span = RationalSpan.of(List.of(new Rational[] {one, one, one, one},
                new Rational[] {zero, zero, one, one}), 4);
        assertEquals(2, span.rank());
        Rational[] v = span.onSupport(new boolean[] {true, true, false, false}).orElseThrow();
        assertTrue(RationalSpan.of(List.<Rational[]>of(new Rational[] {one, one, zero, zero}), 4).contains(v));
        assertTrue(span.onSupport(new boolean[] {true, false, false, false}).isEmpty(), "x alone is not in the span");
        assertTrue(span.onSupport(new boolean[] {true, true, true, true}).isEmpty(), "the whole span: not unique");
        assertFalse(span.contains(new Rational[] {one, zero, zero, zero}));
        assertFalse(span.add(new Rational[] {one, one, zero, zero}), "already in the span: the rank stays 2");
    }
}
