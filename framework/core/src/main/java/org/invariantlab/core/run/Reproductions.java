package org.invariantlab.core.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.InvariantLab;

/**
 * Paper reproductions: named lists of runs with the paper's numbers beside ours.
 *
 * <p>{@code wetzel2020}: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, "Discovering symmetry invariants
 * and conserved quantities by interpreting siamese neural networks", Phys. Rev. Research 2, 033499 (2020). Four
 * experiments (paper's train/test accuracy and fitted latent, as summarised in methods.md §2): Lorentz events
 * (94/92 %, ≈ 88·s² − 60), Kepler orbits (98/97 %, ≈ −403·L), Kepler orbits with fixed L (99/99 %,
 * ≈ 87·(−L) + 90·E − 175) and electromagnetic fields (95/94 %, ≈ −170·E·B + 53).
 */
public final class Reproductions {

    /** Names of the available reproductions. */
    public static final List<String> NAMES = List.of("wetzel2020");

    private Reproductions() {
    }

    /** The experiments of reproduction {@code name}, at full size or in the quick variant. */
    public static List<Experiment> experiments(String name, boolean quick) {
        if (!name.equals("wetzel2020")) {
            throw new InvariantLabException("unknown reproduction '" + name + "'; available: " + String.join(", ", NAMES));
        }
        List<Experiment> full = List.of(
                new Experiment("lorentz", "spacetime events under Lorentz transformations", RunSpec.of("lorentz"),
                        0.94, 0.92, "88*s2 - 60", "s2"),
                new Experiment("kepler", "states on bound Kepler orbits", RunSpec.of("kepler"),
                        0.98, 0.97, "-403*L", "L (or a function of L and E)"),
                new Experiment("kepler-fixed-l", "Kepler orbits sharing one angular momentum", RunSpec.of("kepler-fixed-l"),
                        0.99, 0.99, "87*(-L) + 90*E - 175", "E"),
                new Experiment("em", "electromagnetic fields under Lorentz transformations", RunSpec.of("em"),
                        0.95, 0.94, "-170*EdotB + 53", "EdotB and/or E2mB2"));
        List<Experiment> out = new ArrayList<>();
        for (Experiment e : full) {
            RunSpec s = quick ? quick(e.spec()) : full(e.spec());
            out.add(new Experiment(e.name(), e.description(), s, e.paperTrainAccuracy(), e.paperTestAccuracy(),
                    e.paperFormula(), e.expectedInvariants()));
        }
        return out;
    }

    /** Full size: the defaults of {@link RunSpec} (200k training pairs, 80 epochs). */
    static RunSpec full(RunSpec s) {
        return s.withSeed(1);
    }

    /** Quick: a fraction of the data and epochs, about a quarter of a minute per experiment. */
    static RunSpec quick(RunSpec s) {
        RunSpec.Training t = s.training();
        return s.withSeed(1)
                .withData(new RunSpec.Data(20_000, 2_000, 5_000, 2))
                .withTraining(new RunSpec.Training(t.hidden(), t.activation(), t.latentSize(), 10, t.batchSize(),
                        3e-3, t.schedule(), 0));
    }

    /** Outcome of one experiment, with the paper's numbers. */
    public record Row(Experiment experiment, RunOutcome outcome) {
    }

    /**
     * Runs every experiment into {@code out/<experiment>/} and writes {@code out/summary.json}; the whole
     * directory appears only when all experiments are done.
     */
    public static List<Row> run(InvariantLab lab, String name, boolean quick, Path out, boolean overwrite, String command,
                                RunListener listener) {
        List<Experiment> experiments = experiments(name, quick);
        Runner runner = new Runner(lab);
        experiments.forEach(e -> runner.resolve(e.spec())); // fail on a missing plugin before any training
        long t0 = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        try (ResultDirectory dir = ResultDirectory.open(out, overwrite)) {
            for (Experiment e : experiments) {
                listener.stage("experiment " + e.name() + ": " + e.description());
                RunOutcome o = runner.run(e.spec(), dir.file(e.name()), false, command, listener);
                rows.add(new Row(e, o));
            }
            dir.writeJson("summary.json", summary(name, quick, rows, (System.nanoTime() - t0) / 1e9));
            dir.commit();
        }
        return rows;
    }

    private static Map<String, Object> summary(String name, boolean quick, List<Row> rows, double seconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("reproduction", name);
        s.put("mode", quick ? "quick" : "full");
        s.put("total_seconds", seconds);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("experiment", r.experiment().name());
            m.putAll(r.outcome().metrics());
            m.put("paper_train_accuracy", r.experiment().paperTrainAccuracy());
            m.put("paper_test_accuracy", r.experiment().paperTestAccuracy());
            m.put("paper_formula", r.experiment().paperFormula());
            m.put("expected_invariants", r.experiment().expectedInvariants());
            m.put("directory", r.experiment().name());
            list.add(m);
        }
        s.put("experiments", list);
        return s;
    }
}
