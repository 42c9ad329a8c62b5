package org.invariantlab.core.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.math.Linalg;
import org.junit.jupiter.api.Test;

/**
 * The scorer on analytic "learned" functions whose relation to the true invariants is known exactly.
 */
class ScorerTest {

    /**
     * For a function of the invariants the cosines are exactly 1 but for rounding: unit gradients carry
     * relative errors of a few ulp ({@code ~1e-16}), and the mean over ~2000 states stays at that level.
     */
    private static final double EXACT = 1e-12;

    /** R² of an exact polynomial relation: rounding of the least-squares residual relative to the spread. */
    private static final double EXACT_FIT = 1e-10;

    /**
     * Lorentz images are computed with rounding, so a true invariant varies inside a group by
     * {@code ~1e-15} relative; the spread ratio stays far below this.
     */
    private static final double CONSTANT_ON_GROUPS = 1e-10;

    private static final ScoringOptions DEFAULTS = ScoringOptions.defaults();

    private static final TestSystems.Model MINKOWSKI = TestSystems.minkowski();
    private static final GroupedData EVENTS = MINKOWSKI.sample(new SamplingRequest(400, 5, 11));
    private static final TestSystems.Model PLANAR = TestSystems.planar(false);
    private static final GroupedData PLANAR_DATA = PLANAR.sample(new SamplingRequest(400, 5, 12));
    private static final TestSystems.Model FIXED_L = TestSystems.planar(true);
    private static final GroupedData FIXED_L_DATA = FIXED_L.sample(new SamplingRequest(400, 5, 13));

    private static ScalarField scaled(ScalarField f, double a, double b) {
        return ScalarField.of(x -> a * f.value(x) + b, x -> {
            double[] g = f.gradient(x);
            for (int i = 0; i < g.length; i++) {
                g[i] *= a;
            }
            return g;
        });
    }

    private static final ScalarField S2 = MINKOWSKI.invariants().get(0).field();
    private static final ScalarField L = TestSystems.L.field();
    private static final ScalarField E = TestSystems.E.field();

    /** {@code a·F + b·G}. */
    private static ScalarField combination(double a, ScalarField f, double b, ScalarField g) {
        return ScalarField.of(x -> a * f.value(x) + b * g.value(x), x -> {
            double[] gf = f.gradient(x);
            double[] gg = g.gradient(x);
            double[] out = new double[gf.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = a * gf[i] + b * gg[i];
            }
            return out;
        });
    }

    @Test
    void anAffineFunctionOfTheIntervalIsAPerfectMatch() {
        Scores s = Scorer.score(List.of(scaled(S2, 3, 1)), MINKOWSKI, EVENTS, DEFAULTS);
        assertEquals(List.of("s2"), s.matched());
        assertTrue(s.gradientAlignment() > 1 - EXACT, () -> "alignment " + s.gradientAlignment());
        assertTrue(s.alignmentPerInvariant().get("s2") > 1 - EXACT);
        assertTrue(s.r2() > 1 - EXACT_FIT, () -> "R² " + s.r2());
        assertTrue(s.pearsonPerInvariant().get("s2") > 1 - EXACT_FIT);
        assertTrue(s.withinGroupSpread() < CONSTANT_ON_GROUPS, () -> "spread " + s.withinGroupSpread());
        assertEquals(List.of(), s.constantOnData());
        assertEquals(2000, s.statesUsed());
    }

    @Test
    void aMonotoneReparametrisationAlignsButIsNotLinear() {
        ScalarField tanh = ScalarField.of(x -> Math.tanh(TestSystems.s2(x)), x -> {
            double c = Math.cosh(TestSystems.s2(x));
            double[] g = TestSystems.s2Gradient(x);
            for (int i = 0; i < g.length; i++) {
                g[i] /= c * c;
            }
            return g;
        });
        Scores s = Scorer.score(List.of(tanh), MINKOWSKI, EVENTS, DEFAULTS);
        assertEquals(List.of("s2"), s.matched());
        assertTrue(s.gradientAlignment() > 1 - EXACT);
        assertTrue(s.pearsonPerInvariant().get("s2") < 0.99);
        assertTrue(s.r2() > 0.99);
        assertTrue(s.withinGroupSpread() < CONSTANT_ON_GROUPS);
    }

    @Test
    void timeIsNotTheInterval() {
        ScalarField t = ScalarField.of(x -> x[0], x -> new double[] {1, 0, 0, 0});
        Scores s = Scorer.score(List.of(t), MINKOWSKI, EVENTS, DEFAULTS);
        assertEquals(List.of("s2"), s.matched(), "with no subset above the threshold the best one is reported");
        assertTrue(s.gradientAlignment() < 0.7, () -> "alignment " + s.gradientAlignment());
        // bounded boosts keep t correlated inside a group (the Lorentz shortcut of the methods notes, §7), so
        // the spread is well below 1, but far from that of an invariant
        assertTrue(s.withinGroupSpread() > 0.1, () -> "spread " + s.withinGroupSpread());
    }

    @Test
    void aMixtureOfTwoInvariantsMatchesTheirSpan() {
        Scores s = Scorer.score(List.of(combination(1, L, 0.3, E)), PLANAR, PLANAR_DATA, DEFAULTS);
        assertTrue(s.alignmentPerInvariant().get("L") < 0.99);
        assertTrue(s.alignmentPerInvariant().get("E") < 0.99);
        assertEquals(Set.of("L", "E"), Set.copyOf(s.matched()));
        assertTrue(s.gradientAlignment() > 1 - EXACT, () -> "alignment " + s.gradientAlignment());
        assertTrue(s.r2() > 1 - EXACT_FIT, () -> "R² " + s.r2());
        assertTrue(s.withinGroupSpread() < CONSTANT_ON_GROUPS);
    }

    @Test
    void aFunctionOfOneInvariantMatchesItAlone() {
        ScalarField cubic = ScalarField.of(x -> Math.pow(TestSystems.angularMomentum(x), 3) + TestSystems.angularMomentum(x), x -> {
            double l = TestSystems.angularMomentum(x);
            double[] g = TestSystems.angularMomentumGradient(x);
            for (int i = 0; i < g.length; i++) {
                g[i] *= 3 * l * l + 1;
            }
            return g;
        });
        Scores s = Scorer.score(List.of(cubic), PLANAR, PLANAR_DATA, DEFAULTS);
        assertEquals(List.of("L"), s.matched());
        assertTrue(s.gradientAlignment() > 1 - EXACT);
        assertTrue(s.r2() > 1 - EXACT_FIT);
    }

    @Test
    void onTheFixedLSubManifoldOnlyTangentialGradientsCount() {
        ScalarField f = combination(1, E, 5, L);
        Scores s = Scorer.score(List.of(f), FIXED_L, FIXED_L_DATA, DEFAULTS);
        assertEquals(List.of("L"), s.constantOnData());
        assertEquals(List.of("E"), s.matched());
        assertEquals(Set.of("E"), s.alignmentPerInvariant().keySet());
        assertTrue(s.gradientAlignment() > 1 - EXACT, () -> "alignment " + s.gradientAlignment());
        // without the projection the off-manifold part 5·∇L spoils the cosine
        double raw = 0;
        for (int g = 0; g < FIXED_L_DATA.groups(); g++) {
            double[] x = FIXED_L_DATA.state(g, 0);
            double[] a = f.gradient(x);
            double[] b = E.gradient(x);
            raw += Math.abs(Linalg.dot(a, b)) / (Linalg.norm(a) * Linalg.norm(b));
        }
        raw /= FIXED_L_DATA.groups();
        assertTrue(raw < 0.9, "raw cosine " + raw);
    }

    @Test
    void anInvariantThatVanishesOnTheDataIsConstantToo() {
        // like Ay with a fixed orbit orientation: zero on all data, so its size cannot serve as the scale
        TrueInvariant lMinusOne = new TrueInvariant("Lm1", "x*vy-y*vx-1", "L - 1",
                ScalarField.of(x -> TestSystems.angularMomentum(x) - 1, TestSystems::angularMomentumGradient));
        TestSystems.Model model = new TestSystems.Model(FIXED_L.stateSpace(), List.of(TestSystems.L, TestSystems.E,
                lMinusOne), FIXED_L.sampler());
        Scores s = Scorer.score(List.of(E), model, FIXED_L_DATA, DEFAULTS);
        assertEquals(List.of("L", "Lm1"), s.constantOnData());
        assertEquals(List.of("E"), s.matched());
        assertTrue(s.gradientAlignment() > 1 - EXACT);
    }

    @Test
    void invariantsThatAreFunctionsOfEachOtherTieAndTheEarlierWins() {
        // like E and Ax at fixed L: both align perfectly with a function of either
        TrueInvariant cube = new TrueInvariant("E3", "E^3", "energy cubed", ScalarField.of(x -> Math.pow(TestSystems.energy(x), 3),
                x -> {
                    double e = TestSystems.energy(x);
                    double[] g = TestSystems.energyGradient(x);
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= 3 * e * e;
                    }
                    return g;
                }));
        for (List<TrueInvariant> order : List.of(List.of(TestSystems.E, cube), List.of(cube, TestSystems.E))) {
            TestSystems.Model model = new TestSystems.Model(PLANAR.stateSpace(), order, PLANAR.sampler());
            Scores s = Scorer.score(List.of(scaled(E, -2, 1)), model, PLANAR_DATA, DEFAULTS);
            assertEquals(List.of(order.get(0).name()), s.matched());
            assertTrue(s.alignmentPerInvariant().values().stream().allMatch(a -> a > 1 - EXACT));
        }
    }

    @Test
    void aFunctionOfTheConstantInvariantHasNoDirectionOnTheData() {
        Scores s = Scorer.score(List.of(L), FIXED_L, FIXED_L_DATA, DEFAULTS);
        assertEquals(0.0, s.gradientAlignment());
        assertEquals(List.of("E"), s.matched());
    }

    @Test
    void twoLearnedFunctionsAreComparedAsASpan() {
        Scores both = Scorer.score(List.of(E, combination(1, L, 0.3, E)), PLANAR, PLANAR_DATA, DEFAULTS);
        assertEquals(List.of("L", "E"), both.matched());
        assertTrue(both.gradientAlignment() > 1 - EXACT);
        assertTrue(both.alignmentPerInvariant().get("L") > 1 - EXACT);
        assertTrue(both.alignmentPerInvariant().get("E") > 1 - EXACT);
        Scores collapsed = Scorer.score(List.of(L, scaled(L, 2, 1)), PLANAR, PLANAR_DATA, DEFAULTS);
        assertEquals(List.of("L"), collapsed.matched(), "two copies of one function span one direction");
        assertTrue(collapsed.gradientAlignment() > 1 - EXACT);
    }

    @Test
    void formulaAgreementWithTheMatchedSpan() {
        Scores s = Scorer.score(List.of(combination(1, L, 0.3, E)), PLANAR, PLANAR_DATA, DEFAULTS);
        ScalarField formula = combination(2, L, 0.6, E);
        assertTrue(Scorer.formulaAgreement(formula, s, PLANAR, PLANAR_DATA, DEFAULTS) > 1 - EXACT);
        assertTrue(Scorer.formulaAgreement(formula, List.of("E"), PLANAR, PLANAR_DATA, DEFAULTS) < 0.99);
        assertTrue(Scorer.formulaAgreement(E, List.of("E"), FIXED_L, FIXED_L_DATA, DEFAULTS) > 1 - EXACT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scorer.formulaAgreement(formula, List.of("H"), PLANAR, PLANAR_DATA, DEFAULTS));
        assertEquals("no true invariant 'H'; the system has [L, E]", e.getMessage());
    }

    @Test
    void statesAreCappedDeterministically() {
        GroupedData big = MINKOWSKI.sample(new SamplingRequest(1000, 5, 3));
        Scores a = Scorer.score(List.of(S2), MINKOWSKI, big, DEFAULTS.withMaxStates(1000));
        Scores b = Scorer.score(List.of(S2), MINKOWSKI, big, DEFAULTS.withMaxStates(1000));
        assertEquals(1000, a.statesUsed());
        assertEquals(a, b);
        GroupedData oneGroup = MINKOWSKI.sample(new SamplingRequest(1, 300, 3));
        Scores c = Scorer.score(List.of(S2), MINKOWSKI, oneGroup, DEFAULTS.withMaxStates(100));
        assertEquals(100, c.statesUsed());
    }

    @Test
    void undefinedNumbersAreNaN() {
        ScalarField constant = ScalarField.of(x -> 4.0, x -> new double[4]);
        Scores s = Scorer.score(List.of(constant), MINKOWSKI, EVENTS, DEFAULTS);
        assertEquals(0.0, s.gradientAlignment());
        assertTrue(Double.isNaN(s.r2()));
        assertTrue(Double.isNaN(s.withinGroupSpread()));
        assertTrue(Double.isNaN(s.pearsonPerInvariant().get("s2")));
        GroupedData singles = MINKOWSKI.sample(new SamplingRequest(50, 1, 3));
        assertTrue(Double.isNaN(Scorer.score(List.of(S2), MINKOWSKI, singles, DEFAULTS).withinGroupSpread()));
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        assertThrows(IllegalArgumentException.class, () -> Scorer.score(List.of(), MINKOWSKI, EVENTS, DEFAULTS));
        ScalarField shortGradient = ScalarField.of(x -> 0, x -> new double[3]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scorer.score(List.of(shortGradient), MINKOWSKI, EVENTS, DEFAULTS));
        assertEquals("the gradient of the learned function #0 has length 3, expected 4", e.getMessage());
        ScalarField diverged = ScalarField.of(x -> Double.NaN, x -> new double[4]);
        InvariantLabException nan = assertThrows(InvariantLabException.class,
                () -> Scorer.score(List.of(diverged), MINKOWSKI, EVENTS, DEFAULTS));
        assertTrue(nan.getMessage().startsWith("the learned function #0 is not finite at scored state 0 of scored group 0"),
                nan::getMessage);
        GroupedData threeD = new GroupedData(List.of("a", "b", "c"), 2, 2, new double[12]);
        IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
                () -> Scorer.score(List.of(S2), MINKOWSKI, threeD, DEFAULTS));
        assertEquals("the system's states have 4 variables [t, x, y, z] but the data have 3 [a, b, c]", dim.getMessage());
    }
}
