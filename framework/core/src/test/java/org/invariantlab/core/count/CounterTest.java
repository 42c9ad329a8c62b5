package org.invariantlab.core.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.ConservedCounts;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.core.builtin.GradientOrthogonalityLoss;
import org.invariantlab.core.run.RunListener;
import org.invariantlab.core.symbolic.PolynomialInterpreter;
import org.invariantlab.physics.dynamics.DynamicalSystem;
import org.invariantlab.physics.dynamics.Dynamics;
import org.invariantlab.physics.dynamics.Range;
import org.junit.jupiter.api.Test;

/**
 * The svd count (AI Poincaré 2.0) on two systems with known answers, at small sizes: the isotropic 2-D oscillator
 * (3 independent conserved quantities) and the damped oscillator (none, the negative control).
 */
class CounterTest {

    /** The isotropic oscillator over (x, y, px, py): Ex, Ey, L; 3 independent, 2 in involution. */
    static final class Oscillator extends DynamicalSystem {
        Oscillator() {
            super("test-oscillator", "isotropic 2-D oscillator (test)", new StateSpace(List.of("x", "y", "px", "py"),
                    Optional.of(new CanonicalLayout(List.of(0, 1), List.of(2, 3)))), 10.0);
        }

        @Override
        protected Dynamics dynamics(Parameters p) {
            return Dynamics.of(s -> new double[] {s[2], s[3], -s[0], -s[1]}, List.of(
                            invariant("Ex", "(px^2 + x^2)/2", "x energy", s -> (s[0] * s[0] + s[2] * s[2]) / 2,
                                    s -> new double[] {s[0], 0, s[2], 0}),
                            invariant("Ey", "(py^2 + y^2)/2", "y energy", s -> (s[1] * s[1] + s[3] * s[3]) / 2,
                                    s -> new double[] {0, s[1], 0, s[3]}),
                            invariant("L", "x*py - y*px", "angular momentum", s -> s[0] * s[3] - s[1] * s[2],
                                    s -> new double[] {s[3], -s[2], -s[1], s[0]})),
                    Range.symmetric(1), Range.symmetric(1), Range.symmetric(1), Range.symmetric(1))
                    .withCounts(ConservedCounts.of(3, 2));
        }
    }

    /** q' = p, p' = −q − 0.3 p: nothing is conserved. */
    static final class Damped extends DynamicalSystem {
        Damped() {
            super("test-damped", "damped oscillator (test)", StateSpace.of("q", "p"), 10.0);
        }

        @Override
        protected Dynamics dynamics(Parameters p) {
            return Dynamics.negativeControl(s -> new double[] {s[1], -s[0] - 0.3 * s[1]}, Range.symmetric(1),
                    Range.symmetric(1));
        }
    }

    private static CountResult svd(DynamicalSystem system, int epochs) {
        SystemModel model = system.configure(Parameters.resolve(system.id(), system.parameters(), Map.of()));
        CountSettings settings = new CountSettings("svd", 0, epochs, 256, 1e-3, List.of(32, 32), "swish", 512, 4, 1,
                1.0, "1", 0.2, 0.05);
        GradientOrthogonalityLoss loss = new GradientOrthogonalityLoss();
        PolynomialInterpreter reader = new PolynomialInterpreter();
        CountRun run = Counter.count(system.id(), Map.of(), model, settings, loss, Optional.empty(), reader,
                Parameters.resolve(reader.id(), reader.parameters(), Map.of()), RunListener.silent());
        assertEquals(1, run.networks().size(), "svd trains one network");
        return run.result();
    }

    /**
     * Three independent: the three largest mean singular values of the four unit gradients stay near √(4/3) ≈ 1.15
     * (a tight frame of 4 vectors in 3 dimensions) and the fourth falls below the 0.2 threshold; the counted
     * directions lie in the span of ∇Ex, ∇Ey, ∇L (mean principal cosine above 0.99, an angle under 8°).
     */
    @Test
    void theIsotropicOscillatorHasThreeIndependentConservedQuantities() {
        CountResult r = svd(new Oscillator(), 100);
        assertEquals(3, r.trueIndependent());
        assertEquals(3, r.declaredIndependent());
        assertEquals(3, r.svd().count(), () -> "spectrum " + java.util.Arrays.toString(r.svd().spectrum()));
        assertEquals(3, r.independent(), "svd alone: the independent count is svd's");
        assertTrue(r.svd().spanAlignment() > 0.99, "span alignment " + r.svd().spanAlignment());
    }

    /**
     * The negative control: two outputs trained on a vector field that conserves nothing stay apart (singular values
     * near 1) but change along every trajectory, so nothing is counted.
     */
    @Test
    void theDampedOscillatorConservesNothing() {
        CountResult r = svd(new Damped(), 40);
        assertEquals(0, r.declaredIndependent());
        assertEquals(0, r.svd().count(), () -> "spread of the outputs "
                + java.util.Arrays.toString(r.svd().conservation()));
        for (double c : r.svd().conservation()) {
            assertTrue(c > Counter.CONSERVATION_TOLERANCE, "an output looks conserved: " + c);
        }
    }

    @Test
    void aSystemWithoutVectorFieldIsRefused() {
        SystemModel noField = new Oscillator().configure(Parameters.empty());
        SystemModel wrapped = new SystemModel() {
            @Override
            public StateSpace stateSpace() {
                return noField.stateSpace();
            }

            @Override
            public org.invariantlab.api.system.GroupedData sample(org.invariantlab.api.system.SamplingRequest request) {
                return noField.sample(request);
            }

            @Override
            public List<org.invariantlab.api.system.TrueInvariant> invariants() {
                return noField.invariants();
            }
        };
        InvariantLabException e = assertThrows(InvariantLabException.class, () -> Counter.count("plain", Map.of(),
                wrapped, CountSettings.defaults(), new GradientOrthogonalityLoss(), Optional.empty(),
                new PolynomialInterpreter(), Parameters.empty(), RunListener.silent()));
        assertTrue(e.getMessage().contains("declares no vector field"), e.getMessage());
    }
}
