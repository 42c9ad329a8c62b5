package org.invariantlab.plugins.dynamics;

import java.util.List;
import java.util.Optional;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.physics.dynamics.Dynamics;
import org.invariantlab.physics.dynamics.DynamicalSystem;
import org.invariantlab.physics.dynamics.Range;
import org.pf4j.Extension;

/**
 * The damped harmonic oscillator {@code q̇ = p}, {@code ṗ = −ω² q − γ p}: the negative control of counting. Every
 * trajectory spirals into the origin ({@code dE/dt = −γ p² ≤ 0} for {@code E = (p² + ω² q²)/2}), so no
 * non-constant continuous function is constant along all of them (it would have to equal its value at the origin
 * everywhere): counts 0 and 0, and a method that claims a conserved quantity here is wrong. Initial states uniform in
 * {@code [−1, 1]²}; {@code tMax = 10}.
 */
@Extension
public final class DampedOscillatorSystem extends DynamicalSystem {

    /** Built by PF4J (or the host's injector). */
    public DampedOscillatorSystem() {
        super("damped-oscillator", "damped harmonic oscillator q' = p, p' = -omega^2 q - gamma p: no conserved "
                        + "quantity (negative control for counting)",
                new StateSpace(List.of("q", "p"), Optional.of(new CanonicalLayout(List.of(0), List.of(1)))), 10.0,
                ParameterSpec.realIn("omega", 1, Bound.above(0), Bound.atMost(100), "angular frequency"),
                ParameterSpec.realIn("gamma", 0.3, Bound.above(0), Bound.atMost(100), "damping rate"));
    }

    @Override
    protected Dynamics dynamics(Parameters p) {
        double w2 = p.getDouble("omega") * p.getDouble("omega");
        double gamma = p.getDouble("gamma");
        return Dynamics.negativeControl(s -> new double[] {s[1], -w2 * s[0] - gamma * s[1]}, Range.symmetric(1),
                Range.symmetric(1)).withFieldExpressions(java.util.List.of("p", "-" + number(w2) + "*q - "
                + number(gamma) + "*p"));
    }
}
