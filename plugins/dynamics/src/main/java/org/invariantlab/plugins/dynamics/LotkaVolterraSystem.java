package org.invariantlab.plugins.dynamics;

import java.util.List;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.physics.dynamics.Dynamics;
import org.invariantlab.physics.dynamics.DynamicalSystem;
import org.invariantlab.physics.dynamics.Range;
import org.pf4j.Extension;

/**
 * Predator and prey, {@code Ṙ = R(α − γF)}, {@code Ḟ = F(δR − β)}, with the first integral
 * {@code V = α ln F + β ln R − γF − δR} ({@code dV/dt = α(δR − β) + β(α − γF) − γF(δR − β) − δR(α − γF) = 0}).
 * Defaults {@code α = 0.11, β = 0.04, γ = 0.04, δ = 0.01} are set P1 of Ha &amp; Jeong; the orbits circle the fixed
 * point {@code (R*, F*) = (β/δ, α/γ) = (4, 2.75)} with period near {@code 2π/√(αβ) ≈ 95}, hence {@code tMax = 100}.
 * Initial states are uniform in {@code [0.5 R*, 1.5 R*] × [0.5 F*, 1.5 F*]}: positive (the flow keeps both populations
 * positive) and close enough to the fixed point that the orbits stay moderate and cheap to integrate. The extra
 * features {@code Log(R)}, {@code Log(F)} let a polynomial reader express {@code V}.
 *
 * <p>References: S. Ha, H. Jeong, "Discovering invariants via machine learning", Phys. Rev. Research 3, L042035 (2021);
 * J. D. Murray, <i>Mathematical Biology I</i>, 3rd ed. (Springer, 2002), §3.1.
 */
@Extension
public final class LotkaVolterraSystem extends DynamicalSystem {

    /**
     * The largest rate: the trajectories span {@code tMax = 100}, and a rate of 100 made them so fast and large
     * (populations of 10¹⁰) that the integrator could not keep the first integral within its tolerance;
     * 10 is a hundred times the published rates (Ha &amp; Jeong's 0.11, 0.04, 0.04, 0.01) and integrates cleanly.
     */
    static final double MAX_RATE = 10;

    /** Built by PF4J (or the host's injector). */
    public LotkaVolterraSystem() {
        super("lotka-volterra", "Predator-prey populations R' = R(alpha - gamma F), F' = F(delta R - beta); "
                + "invariant alpha ln F + beta ln R - gamma F - delta R", StateSpace.of("R", "F"), 100.0,
                rate("alpha", 0.11, "prey growth rate"), rate("beta", 0.04, "predator death rate"),
                rate("gamma", 0.04, "predation rate"), rate("delta", 0.01, "predator growth per prey eaten"));
    }

    private static ParameterSpec rate(String name, double value, String description) {
        return ParameterSpec.realIn(name, value, Bound.above(0), Bound.atMost(MAX_RATE), description);
    }

    @Override
    protected Dynamics dynamics(Parameters p) {
        double a = p.getDouble("alpha"), b = p.getDouble("beta"), c = p.getDouble("gamma"), d = p.getDouble("delta");
        String v = number(a) + "*Log(F) + " + number(b) + "*Log(R) - " + number(c) + "*F - " + number(d) + "*R";
        return Dynamics.of(x -> new double[] {x[0] * (a - c * x[1]), x[1] * (d * x[0] - b)},
                List.of(invariant("V", v, "Lotka-Volterra first integral",
                        x -> a * Math.log(x[1]) + b * Math.log(x[0]) - c * x[1] - d * x[0],
                        x -> new double[] {b / x[0] - d, a / x[1] - c})),
                Range.of(b / d / 2, 1.5 * b / d), Range.of(a / c / 2, 1.5 * a / c))
                .withFeatures(new Feature("logR", "Log(R)", x -> Math.log(x[0])), new Feature("logF", "Log(F)", x -> Math.log(x[1])))
                .withFieldExpressions(List.of("R*(" + number(a) + " - " + number(c) + "*F)",
                        "F*(" + number(d) + "*R - " + number(b) + ")"));
    }
}
