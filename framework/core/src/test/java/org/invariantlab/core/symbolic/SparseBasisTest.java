package org.invariantlab.core.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A basis, not a mixture (issue 18): three network-like latents that are curved mixtures of the isotropic
 * oscillator's invariants read back as three short formulas — each of two terms, like {@code x²+px²},
 * {@code x·py−y·px}, {@code x·y+px·py} — each proven by its Lie derivative, and together independent.
 */
class SparseBasisTest {

    @Test
    void mixturesOfTheOscillatorsInvariantsReadAsAShortProvenBasis() {
        StateSpace space = new StateSpace(List.of("x", "y", "px", "py"),
                Optional.of(new CanonicalLayout(List.of(0, 1), List.of(2, 3))));
        Random random = new Random(5);
        int n = 1500;
        double[] states = new double[4 * n];
        for (int i = 0; i < states.length; i++) {
            states[i] = 2 * random.nextDouble() - 1;
        }
        // Ex = (x²+px²)/2, Ey = (y²+py²)/2, L = x·py − y·px, mixed and curved as a network's outputs are
        ScalarField f1 = ExactReadingTest.networkLike(s -> Math.atan(ex(s) + 0.4 * l(s)), 31);
        ScalarField f2 = ExactReadingTest.networkLike(s -> Math.tanh(ey(s) - 0.7 * ex(s) + 0.2 * l(s)), 32);
        ScalarField f3 = ExactReadingTest.networkLike(s -> l(s) + 0.5 * ey(s) * ey(s), 33);
        PolynomialInterpreter reader = new PolynomialInterpreter();
        List<Interpretation> readings = reader.interpretJointly(List.of(f1, f2, f3),
                new InterpretationContext(space, List.of(), states),
                Parameters.resolve("polynomial", reader.parameters(), Map.of()));
        assertEquals(3, readings.size());
        Verifier verifier = Verifier.of(new VerdictContext(space.variables(), Optional.of(List.of("px", "py", "-x", "-y")),
                space.canonical(), List.of(), RaggedGroups.of(space.variables(), List.of(states)), 1));
        for (Interpretation r : readings) {
            String expanded = Cas.eval("Expand(" + r.expression() + ")", space.variables());
            long terms = expanded.chars().filter(c -> c == '+' || c == '-').count() + (expanded.startsWith("-") ? 0 : 1);
            assertEquals(2, terms, "a short formula, not a mixture: " + r.expression());
            assertEquals(VerdictKind.PROVEN, verifier.verdict(r.expression(), r.formula()).kind(), r.expression());
        }
        assertTrue(verifier.set(readings.stream().map(Interpretation::expression).toList(),
                readings.stream().map(Interpretation::formula).toList()).independent(), readings.toString());
    }

    static double ex(double[] s) {
        return (s[0] * s[0] + s[2] * s[2]) / 2;
    }

    static double ey(double[] s) {
        return (s[1] * s[1] + s[3] * s[3]) / 2;
    }

    static double l(double[] s) {
        return s[0] * s[3] - s[1] * s[2];
    }
}
