package org.invariantlab.core.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.invariantlab.core.job.JobListener;
import org.invariantlab.core.job.ResultDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invariantlab.api.InvalidInputException;
import java.nio.file.LinkOption;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.io.AtomicFiles;
import org.invariantlab.core.io.FolderLock;
import org.invariantlab.core.io.IoErrors;
import org.invariantlab.core.io.Json;

/**
 * Paper reproductions: a list of runs with the paper's numbers beside ours, run one after the other into one folder
 * that can be resumed. The lists come from grids ({@code core.compare.GridReproduction}: {@code
 * examples/grids/wetzel2020.yaml}, {@code hajeong2021.yaml}, with the papers' figures in their {@code paper:} blocks
 * and the reasons for every setting in their comments); there is no list in code.
 */
public final class Reproductions {

    private Reproductions() {
    }

    /**
     * Outcome of one experiment, with the paper's numbers.
     *
     * @param reused true if the experiment's finished result from an earlier, interrupted call was kept
     */
    public record Row(Experiment experiment, RunOutcome outcome, boolean reused) {
    }

    /**
     * Runs every experiment into {@code out/<experiment>/} and then writes {@code out/summary.json}. Each
     * experiment's folder appears only when that experiment is complete, so an interrupted reproduction can be
     * resumed: called again with the same settings, it reuses every experiment whose folder is a complete run
     * result with the same resolved spec, and runs the others. With {@code overwrite} every experiment is run
     * again (each replaces its earlier folder once the new one is complete). {@code out} must be new, empty, or
     * an earlier reproduction; anything else is refused, with or without {@code overwrite}.
     */
    public static List<Row> run(Runner runner, String name, boolean quick, List<Experiment> experiments, Path out,
                                boolean overwrite, String command, JobListener listener) {
        return runAll(runner, name, quick, experiments, out, overwrite, command, listener);
    }

    /** {@code experiments} with measurement noise {@code sigma} on their data (0: as published). */
    public static List<Experiment> withNoise(List<Experiment> experiments, double sigma) {
        return experiments.stream().map(e -> e.withSpec(e.spec().withData(e.spec().data().withNoise(sigma)))).toList();
    }

    private static List<Row> runAll(Runner runner, String name, boolean quick, List<Experiment> experiments, Path out,
                                    boolean overwrite, String command, JobListener listener) {
        List<RunSpec> resolved = new ArrayList<>();
        // fail on a missing plugin, a bad setting or too little memory before any training
        experiments.forEach(e -> resolved.add(runner.check(e.spec())));
        Path root = ResultDirectory.checkInPlace(out, ResultDirectory.Kind.REPRODUCTION);
        if (!overwrite) {
            refuseOtherSettings(root, experiments, resolved, runner);
        }
        root = ResultDirectory.openInPlace(root, ResultDirectory.Kind.REPRODUCTION);
        try (FolderLock lock = FolderLock.acquire(root, command)) {
            return runExperiments(name, quick, experiments, resolved, root, command, runner, overwrite, listener);
        }
    }

    private static List<Row> runExperiments(String name, boolean quick, List<Experiment> experiments,
                                            List<RunSpec> resolved, Path root, String command, Runner runner,
                                            boolean overwrite, JobListener listener) {
        long t0 = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        Path summary = root.resolve("summary.json");
        for (int i = 0; i < experiments.size(); i++) {
            Experiment e = experiments.get(i);
            Path dir = root.resolve(e.name());
            RunOutcome earlier = overwrite ? null : finished(dir, resolved.get(i), runner);
            if (earlier != null) {
                listener.stage("experiment " + e.name() + ": reusing the finished result in " + dir);
                rows.add(new Row(e, earlier, true));
                continue;
            }
            try {
                // an interrupted call must not leave a summary of results that are no longer on disk
                Files.deleteIfExists(summary);
            } catch (IOException ex) {
                throw new InvariantLabException("cannot remove the old " + summary + ": " + IoErrors.describe(ex, summary), ex);
            }
            listener.stage("experiment " + e.name() + ": " + e.description());
            RunOutcome o = runner.run(e.spec(), dir, true, command, listener);
            rows.add(new Row(e, o, false));
        }
        AtomicFiles.writeString(summary, Json.write(summary(name, quick, rows, (System.nanoTime() - t0) / 1e9)), true);
        return rows;
    }

    /**
     * Refuses to replace finished experiments of {@code root} that were made with other settings (noise, quick or
     * full, …): without {@code --force} a reproduction only adds what is missing, as {@code compare} does.
     */
    private static void refuseOtherSettings(Path root, List<Experiment> experiments, List<RunSpec> resolved,
                                            Runner runner) {
        List<String> conflicts = new ArrayList<>();
        for (int i = 0; i < experiments.size(); i++) {
            Path dir = root.resolve(experiments.get(i).name());
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !ResultDirectory.isResult(dir, ResultDirectory.Kind.RUN)) {
                continue;
            }
            RunSpec stored;
            try {
                stored = runner.resolve(SpecFiles.read(dir.resolve("spec.yaml")));
            } catch (RuntimeException ex) {
                continue; // unreadable: it is ours and broken, run again
            }
            if (!stored.equals(resolved.get(i))) {
                conflicts.add(experiments.get(i).name() + " (" + difference(SpecFiles.toYaml(stored),
                        SpecFiles.toYaml(resolved.get(i))) + ")");
            }
        }
        if (!conflicts.isEmpty()) {
            throw new InvalidInputException(root + " holds finished experiments made with other settings: "
                    + String.join(", ", conflicts) + "; choose another --out, or pass --force to run them again");
        }
    }

    /** The first settings that differ between two specs as YAML, e.g. {@code noise: 0.01 then, 0.0 now}. */
    static String difference(String before, String now) {
        List<String> a = before.lines().map(String::strip).toList();
        List<String> b = now.lines().map(String::strip).toList();
        List<String> then = a.stream().filter(l -> !b.contains(l)).toList();
        List<String> later = b.stream().filter(l -> !a.contains(l)).toList();
        if (then.isEmpty() && later.isEmpty()) {
            return "settings differ";
        }
        return "was " + String.join(", ", then.stream().limit(3).toList()) + "; now "
                + String.join(", ", later.stream().limit(3).toList());
    }

    /**
     * The outcome stored in {@code dir} if it is a complete run result of exactly {@code spec} (compared as
     * resolved specs); null if it is absent, incomplete, unreadable or of other settings.
     */
    static RunOutcome finished(Path dir, RunSpec spec, Runner runner) {
        if (!Files.isDirectory(dir) || !ResultDirectory.isResult(dir, ResultDirectory.Kind.RUN)) {
            return null;
        }
        try {
            RunSpec stored = runner.resolve(SpecFiles.read(dir.resolve("spec.yaml")));
            if (!stored.equals(spec)) {
                return null;
            }
            return new RunOutcome(stored, ResultReader.readMetrics(dir.resolve("metrics.json")), dir);
        } catch (RuntimeException e) {
            return null; // not reusable: it is run again and replaced
        }
    }

    /**
     * {@code summary.json}: the reproduction, its mode and time, and per experiment the run's {@link RunMetrics} (its
     * keys inline) beside what the paper reported.
     */
    record Summary(@JsonProperty("reproduction") String reproduction, @JsonProperty("mode") String mode,
                   @JsonProperty("total_seconds") double totalSeconds,
                   @JsonProperty("experiments") List<SummaryRow> experiments) {
    }

    /** One experiment of {@link Summary}. */
    @JsonPropertyOrder({"experiment"})
    record SummaryRow(@JsonProperty("experiment") String experiment, @JsonUnwrapped RunMetrics metrics,
                      @JsonProperty("paper_train_accuracy") double paperTrainAccuracy,
                      @JsonProperty("paper_test_accuracy") double paperTestAccuracy,
                      @JsonProperty("paper_formula") String paperFormula,
                      @JsonProperty("expected_invariants") String expectedInvariants,
                      @JsonProperty("method") String method, @JsonProperty("directory") String directory,
                      @JsonProperty("reused") boolean reused) {
    }

    private static Summary summary(String name, boolean quick, List<Row> rows, double seconds) {
        List<SummaryRow> list = new ArrayList<>();
        for (Row r : rows) {
            Experiment e = r.experiment();
            list.add(new SummaryRow(e.name(), r.outcome().metrics(), e.paperTrainAccuracy(), e.paperTestAccuracy(),
                    e.paperFormula(), e.expectedInvariants(), e.method(), e.name(), r.reused()));
        }
        return new Summary(name, quick ? "quick" : "full", seconds, list);
    }
}
