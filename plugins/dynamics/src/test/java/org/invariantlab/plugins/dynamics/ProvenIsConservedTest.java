package org.invariantlab.plugins.dynamics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.symbolic.ExpressionInvariant;
import org.invariantlab.core.verdict.Verdict;
import org.invariantlab.core.verdict.VerdictContext;
import org.invariantlab.core.verdict.VerdictKind;
import org.invariantlab.core.verdict.Verifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * "Proven" means conserved (issue 18): on every dynamical system of the plugin, each declared invariant, a function of
 * two of them, a coordinate and an invariant spoilt by a small coordinate term are judged by the Verifier from the
 * system's field formulas; every formula called proven must then be constant along the integrated trajectories the
 * system samples (to {@value #SPREAD} relative: the integrator keeps invariants to 1e-8), and the coordinate and the
 * spoilt invariant must not be called proven.
 */
class ProvenIsConservedTest {

    /** Largest relative spread of a proven formula along an integrated trajectory (100 × the integrator's bound). */
    static final double SPREAD = 1e-6;

    private static List<PhysicalSystem> systems() {
        return List.of(new Oscillator2dSystem(), new LotkaVolterraSystem(), new Toda3System(), new Toda4RelativeSystem(), new Fput3System(),
                new CalogeroMoser3System(), new DampedOscillatorSystem());
    }

    @Test
    void everyProvenFormulaIsConstantAlongTheIntegratedTrajectories() {
        List<Executable> checks = new ArrayList<>();
        for (PhysicalSystem system : systems()) {
            SystemModel model = system.configure(Parameters.resolve(system.id(), system.parameters(), Map.of()));
            GroupedData data = model.sample(new SamplingRequest(12, 6, 3));
            List<String> vars = model.stateSpace().variables();
            Verifier verifier = Verifier.of(VerdictContext.of(model, RaggedGroups.of(data), 3));
            List<String> conserved = new ArrayList<>();
            for (TrueInvariant t : model.invariants()) {
                conserved.add(t.expression());
            }
            if (conserved.size() >= 2) {
                conserved.add("(" + conserved.get(0) + ")*(" + conserved.get(1) + ")");
            }
            String coordinate = vars.get(0);
            List<String> moving = new ArrayList<>(List.of(coordinate));
            if (!conserved.isEmpty()) {
                moving.add("(" + conserved.get(0) + ")+" + coordinate + "/1000");
            }
            for (String e : conserved) {
                checks.add(() -> {
                    Verdict v = verifier.verdict(e, field(e, vars));
                    assertEquals(VerdictKind.PROVEN, v.kind(), system.id() + ": " + e + " " + v.describe());
                });
            }
            for (String e : moving) {
                checks.add(() -> {
                    Verdict v = verifier.verdict(e, field(e, vars));
                    assertEquals(VerdictKind.NOT_CONSERVED, v.kind(), system.id() + ": " + e + " " + v.describe());
                });
            }
            for (String e : conserved) {
                checks.add(() -> {
                    ScalarField f = field(e, vars);
                    double worst = 0;
                    for (int g = 0; g < data.groups(); g++) {
                        double first = f.value(data.state(g, 0));
                        for (int m = 1; m < data.perGroup(); m++) {
                            worst = Math.max(worst, Math.abs(f.value(data.state(g, m)) - first) / Math.max(1, Math.abs(first)));
                        }
                    }
                    double spread = worst;
                    assertTrue(spread <= SPREAD, system.id() + ": proven " + e + " moves by " + spread);
                });
            }
        }
        assertAll("proven formulas are conserved", checks);
    }

    private static ScalarField field(String expression, List<String> vars) {
        return ExpressionInvariant.of("F", expression, vars, "formula").field();
    }
}
