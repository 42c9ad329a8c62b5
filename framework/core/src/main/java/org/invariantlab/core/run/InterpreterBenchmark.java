package org.invariantlab.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.Interpretation;
import org.invariantlab.api.symbolic.InterpretationContext;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.job.FormulaReport;
import org.invariantlab.core.registry.ExtensionRegistry;
import org.invariantlab.core.verdict.Verdict;
import org.invariantlab.core.verdict.VerdictContext;
import org.invariantlab.core.verdict.Verifier;

/**
 * The time of one call of each installed interpreter, on fixed workloads: a stand-in for a trained network,
 * {@code f = atan(I/s)} of a declared invariant {@code I} ({@code s} its spread on the states), a smooth monotone
 * function of the invariant as a converged network is. Each interpreter reads {@code f} at its default parameters on
 * held-out-like states of the system, and the formula it returns gets its verdict ({@link Verifier}), so the table
 * says what the time bought. Workloads whose system is not installed are skipped.
 */
public final class InterpreterBenchmark {

    /** States the interpreter reads on (as a run's test split of the quick reproduction). */
    static final int GROUPS = 200;
    static final int PER_GROUP = 2;

    /** One workload: a system at default parameters and which of its declared invariants is the learned function. */
    public record Workload(String system, String invariant) {
    }

    /** The default workloads: polynomial, with an angle, with logarithms, and beyond any library. */
    public static final List<Workload> WORKLOADS = List.of(
            new Workload("lorentz", "s2"),
            new Workload("kepler", "L"),
            new Workload("hajeong-s1", "C"),
            new Workload("lotka-volterra", "V"),
            new Workload("hajeong-s2", "C"));

    /** One timed call. */
    public record Row(String interpreter, String system, String invariant, double seconds, String formula,
                      String verdict) {
    }

    private InterpreterBenchmark() {
    }

    /** Times every interpreter of {@code registry} on every installed workload, one call each. */
    public static List<Row> run(ExtensionRegistry registry, List<Workload> workloads) {
        List<Row> rows = new ArrayList<>();
        for (Workload w : workloads) {
            Optional<PhysicalSystem> system = registry.find(PhysicalSystem.class, w.system()).map(r -> r.extension());
            if (system.isEmpty()) {
                continue;
            }
            SystemModel model = system.get().configure(Parameters.resolve(w.system(), system.get().parameters(),
                    Map.of()));
            TrueInvariant truth = model.invariants().stream()
                    .filter(i -> i.name().equals(w.invariant()))
                    .findFirst()
                    .orElse(model.invariants().get(0));
            GroupedData states = model.sample(new SamplingRequest(GROUPS, PER_GROUP, 7));
            GroupedData fresh = model.sample(new SamplingRequest(GROUPS, PER_GROUP, 8));
            ScalarField network = standIn(truth.field(), states);
            InterpretationContext context = new InterpretationContext(model.stateSpace(), model.extraFeatures(),
                    states.values(), states.groups());
            Verifier verifier = Verifier.of(VerdictContext.of(model, RaggedGroups.of(fresh), FormulaReport.VERDICT_SEED));
            for (var record : registry.all(SymbolicInterpreter.class)) {
                SymbolicInterpreter interpreter = record.extension();
                Parameters defaults = Parameters.resolve(record.id(), interpreter.parameters(), Map.of());
                long t0 = System.nanoTime();
                String formula;
                String verdict;
                try {
                    Interpretation reading = interpreter.interpret(network, context, defaults);
                    formula = reading.expression();
                    Verdict v = verifier.verdict(reading.expression(), reading.formula());
                    verdict = v.kind().word();
                } catch (InvariantLabException | IllegalArgumentException e) {
                    formula = "(no formula: " + e.getMessage() + ")";
                    verdict = "-";
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                rows.add(new Row(record.id(), w.system(), truth.name() + " = " + truth.expression(), seconds, formula,
                        verdict));
            }
        }
        return rows;
    }

    /** {@code atan(I/s)} with {@code s} the standard deviation of {@code I} on {@code states} (1 if it is 0). */
    static ScalarField standIn(ScalarField invariant, GroupedData states) {
        int n = states.size();
        double sum = 0;
        double sum2 = 0;
        for (int g = 0; g < states.groups(); g++) {
            for (int m = 0; m < states.perGroup(); m++) {
                double v = invariant.value(states.state(g, m));
                sum += v;
                sum2 += v * v;
            }
        }
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(0, sum2 / n - mean * mean));
        double s = sd > 0 ? sd : 1;
        return ScalarField.of(x -> Math.atan(invariant.value(x) / s), x -> {
            double u = invariant.value(x) / s;
            double[] g = invariant.gradient(x);
            double k = 1 / (s * (1 + u * u));
            for (int i = 0; i < g.length; i++) {
                g[i] *= k;
            }
            return g;
        });
    }

    /** The rows as a markdown table. */
    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| interpreter | system | learned function (atan of) | s per call | formula | verdict |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | `%s` | %s |%n", r.interpreter(), r.system(),
                    r.invariant(), r.seconds(), r.formula(), r.verdict()));
        }
        return b.toString();
    }
}
