package org.invariantlab.core.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.symbolic.ExpressionInvariant;
import org.junit.jupiter.api.Test;

/**
 * Verdicts on formulas of the isotropic oscillator {@code H = (x²+y²+px²+py²)/2} and of Kepler, each checked
 * against facts of mechanics: {@code Ex}, {@code L} and any function of them are conserved, a coordinate is not;
 * {@code Ex, Ey} commute, {@code Ex, L} do not; Kepler's energy and Runge–Lenz component are conserved.
 */
class VerifierTest {

    private static final List<String> OSC = List.of("x", "y", "px", "py");
    private static final CanonicalLayout QP = new CanonicalLayout(List.of(0, 1), List.of(2, 3));

    /** 30 trajectories of the oscillator, 12 states each at random times (exact solutions). */
    private static RaggedGroups oscillatorTrajectories() {
        SplittableRandom rng = new SplittableRandom(7);
        List<double[]> groups = new ArrayList<>();
        for (int g = 0; g < 30; g++) {
            double a = rng.nextDouble(-1, 1);
            double b = rng.nextDouble(-1, 1);
            double c = rng.nextDouble(-1, 1);
            double d = rng.nextDouble(-1, 1);
            double[] v = new double[12 * 4];
            for (int m = 0; m < 12; m++) {
                double t = rng.nextDouble(0, 10);
                v[4 * m] = a * Math.cos(t) + b * Math.sin(t);
                v[4 * m + 1] = c * Math.cos(t) + d * Math.sin(t);
                v[4 * m + 2] = -a * Math.sin(t) + b * Math.cos(t);
                v[4 * m + 3] = -c * Math.sin(t) + d * Math.cos(t);
            }
            groups.add(v);
        }
        return RaggedGroups.of(OSC, groups);
    }

    private static TrueInvariant truth(String definition, List<String> variables) {
        return ExpressionInvariant.parse(definition, variables);
    }

    private static ScalarField f(String expression, List<String> variables) {
        return ExpressionInvariant.parse("F=" + expression, variables).field();
    }

    @Test
    void aLieDerivativeOfZeroProvesAndANonZeroOneRefutes() {
        VerdictContext c = new VerdictContext(OSC, Optional.of(List.of("px", "py", "-x", "-y")), Optional.of(QP),
                List.of(), oscillatorTrajectories(), 1);
        Verifier v = Verifier.of(c);
        for (String conserved : List.of("x^2+px^2", "x*py-y*px", "(x^2+px^2)^2+3*(x*py-y*px)", "Sqrt(1+x^2+px^2)")) {
            Verdict d = v.verdict(conserved, f(conserved, OSC));
            assertEquals(VerdictKind.PROVEN, d.kind(), conserved + ": " + d.describe());
        }
        Verdict x = v.verdict("x", f("x", OSC));
        assertEquals(VerdictKind.NOT_CONSERVED, x.kind(), x.describe());
        assertTrue(x.evidence().contains("is not 0"), x.evidence());
        Verdict near = v.verdict("x^2+px^2+x*y/1000", f("x^2+px^2+x*y/1000", OSC));
        assertEquals(VerdictKind.NOT_CONSERVED, near.kind(), "a small violation is still a violation: " + near.describe());
    }

    @Test
    void keplersEnergyAndRungeLenzAreProven() {
        List<String> vars = List.of("x", "y", "vx", "vy");
        SplittableRandom rng = new SplittableRandom(3);
        List<double[]> groups = new ArrayList<>();
        for (int g = 0; g < 5; g++) {
            double[] v = new double[8];
            for (int i = 0; i < 8; i++) {
                v[i] = rng.nextDouble(0.5, 1.5);
            }
            groups.add(v);
        }
        VerdictContext c = new VerdictContext(vars, Optional.of(List.of("vx", "vy", "-x/(x^2+y^2)^(3/2)",
                "-y/(x^2+y^2)^(3/2)")), Optional.empty(), List.of(), RaggedGroups.of(vars, groups), 2);
        Verifier v = Verifier.of(c);
        for (String e : List.of("vx^2/2+vy^2/2-1/Sqrt(x^2+y^2)", "x*vy-y*vx", "vy*(x*vy-y*vx)-x/Sqrt(x^2+y^2)")) {
            assertEquals(VerdictKind.PROVEN, v.verdict(e, f(e, vars)).kind(), e);
        }
        assertEquals(VerdictKind.NOT_CONSERVED, v.verdict("vx^2/2+vy^2/2-1/(x^2+y^2)", f("vx^2/2+vy^2/2-1/(x^2+y^2)",
                vars)).kind(), "1/r² instead of 1/r");
    }

    @Test
    void aFunctionOfTheDeclaredInvariantsIsExact() {
        List<TrueInvariant> t = List.of(truth("Ex=(x^2+px^2)/2", OSC), truth("Ey=(y^2+py^2)/2", OSC),
                truth("L=x*py-y*px", OSC));
        VerdictContext c = new VerdictContext(OSC, Optional.empty(), Optional.of(QP), t, oscillatorTrajectories(), 1);
        Verifier v = Verifier.of(c);
        Verdict squared = v.verdict("(x^2+px^2+y^2+py^2)^2/4", f("(x^2+px^2+y^2+py^2)^2/4", OSC));
        assertEquals(VerdictKind.EXACT, squared.kind(), squared.describe());
        assertEquals(List.of("Ex", "Ey"), squared.functionOf());
        Verdict l = v.verdict("Exp(x*py-y*px)", f("Exp(x*py-y*px)", OSC));
        assertEquals(List.of("L"), l.functionOf(), l.describe());
        Verdict x = v.verdict("x*px", f("x*px", OSC));
        assertEquals(VerdictKind.NOT_CONSERVED, x.kind(), "not a function of the truth, and it moves: " + x.describe());
    }

    @Test
    void withoutFieldOrTruthHeldOutGroupsDecide() {
        VerdictContext c = new VerdictContext(OSC, Optional.empty(), Optional.empty(), List.of(),
                oscillatorTrajectories(), 1);
        Verifier v = Verifier.of(c);
        Verdict e = v.verdict("x^2+px^2", f("x^2+px^2", OSC));
        assertEquals(VerdictKind.CONSERVED_ON_HELD_OUT_DATA, e.kind(), e.describe());
        Verdict x = v.verdict("x+py", f("x+py", OSC));
        assertEquals(VerdictKind.NOT_CONSERVED, x.kind(), x.describe());
    }

    @Test
    void setsAreIndependentAndInInvolutionOrNot() {
        VerdictContext c = new VerdictContext(OSC, Optional.of(List.of("px", "py", "-x", "-y")), Optional.of(QP),
                List.of(), oscillatorTrajectories(), 1);
        Verifier v = Verifier.of(c);
        List<String> three = List.of("x^2+px^2", "y^2+py^2", "x*py-y*px");
        SetVerdict all = v.set(three, three.stream().map(e -> f(e, OSC)).toList());
        assertTrue(all.independent(), all.describe());
        assertFalse(all.involution(), "{Ex, L} is not 0: " + all.describe());
        List<String> two = List.of("x^2+px^2", "y^2+py^2");
        SetVerdict commuting = v.set(two, two.stream().map(e -> f(e, OSC)).toList());
        assertTrue(commuting.independent() && commuting.involution(), commuting.describe());
        List<String> dependent = List.of("x^2+px^2", "(x^2+px^2)^2");
        SetVerdict d = v.set(dependent, dependent.stream().map(e -> f(e, OSC)).toList());
        assertFalse(d.independent(), d.describe());
        assertEquals(1, d.rank());
    }
}
