package org.invariantlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.compare.GridReproduction;
import org.invariantlab.core.run.Experiment;
import org.invariantlab.core.run.RunMetrics;
import org.invariantlab.core.run.Reproductions;
import org.invariantlab.core.job.ResultDirectory;
import org.invariantlab.core.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code invariantlab reproduce wetzel2020}: the paper's experiments, with the paper's numbers beside ours. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Reproduce a paper's experiments and print ours beside the paper's numbers.",
            "PAPER names a grid of examples/grids (its first seed; the paper's figures in its 'paper:' blocks) or is the "
                + "path of such a grid file; 'compare' runs the same grid over all its seeds.",
            "wetzel2020: Wetzel et al., Phys. Rev. Research 2, 033499 (2020): Lorentz, Kepler, Kepler with fixed L, EM.",
            "hajeong2021: Ha & Jeong, Phys. Rev. Research 3, L042035 (2021): trajectory perturbation beside siamese pairs.",
            "Writes DIR/<experiment>/ (full results) and DIR/summary.json."})
final class ReproduceCommand extends LabCommand {

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "PAPER",
            description = "Reproduction: ${COMPLETION-CANDIDATES}, or a grid file.", completionCandidates = Names.class)
    String paper;

    @Option(names = "--quick", description = "100k instead of 200k training pairs and 10 epochs: under a minute in all (the full reproduction takes about 5 minutes on 2 cores).")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory: new, empty, or an earlier reproduction (its finished experiments are reused).")
    Path out;

    @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0",
            description = "Measurement noise on every experiment's data: Gaussian, SIGMA times each variable's spread (default 0).")
    double noise;

    @Option(names = "--force", description = "Run every experiment again, replacing each earlier experiment folder once its new result is complete.")
    boolean force;

    /** Completion candidates for the paper name. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ReproductionGrids.names().iterator();
        }
    }

    @Override
    int run(InvariantLab lab, PrintWriter out) {
        ReproductionGrids.Chosen chosen;
        List<Experiment> experiments;
        try {
            ResultDirectory.checkInPlace(this.out.toAbsolutePath().normalize(), ResultDirectory.Kind.REPRODUCTION);
            chosen = ReproductionGrids.choose(paper);
            experiments = Reproductions.withNoise(GridReproduction.experiments(chosen.grid(), quick), noise);
            experiments.forEach(e -> job(lab, Runner.class).check(e.spec()));
        } catch (InvariantLabException e) {
            return refuse(e);
        }
        long t0 = System.nanoTime();
        List<Reproductions.Row> rows = Reproductions.run(job(lab, Runner.class), chosen.name(), quick, experiments,
                this.out, force, commandLineText(), ProgressPrinter.forConsole(out));
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.println();
        boolean scored = experiments.stream().anyMatch(e -> !e.scoredOn().isEmpty());
        String about = chosen.grid().description() == null ? "" : chosen.grid().description().strip()
                .replaceFirst("\\.$", "");
        String title = about.isEmpty() ? chosen.name() : chosen.name() + " (" + about + ")";
        out.println(scored ? comparison(title, rows, quick, seconds) : table(title, rows, quick, seconds));
        List<String> reused = rows.stream().filter(Reproductions.Row::reused).map(r -> r.experiment().name()).toList();
        if (!reused.isEmpty()) {
            out.printf(Locale.ROOT, "Reused the finished results of an earlier call: %s (pass --force to run them again)%n",
                    String.join(", ", reused));
        }
        out.printf(Locale.ROOT, "Results: %s (summary.json and one folder per experiment)%n", this.out.toAbsolutePath());
        // a reproduction that ran is a result, its failed rows included (as a comparison's cells are): exit 0
        List<Reproductions.Row> failed = rows.stream().filter(r -> !r.outcome().completed()).toList();
        for (Reproductions.Row r : failed) {
            out.printf(Locale.ROOT, "flagged: experiment %s: %s: %s%n", r.experiment().name(), r.outcome().status(),
                    r.outcome().statusMessage());
        }
        return ExitCodes.OK;
    }

    /** The side-by-side table, as printed and as pasted into docs/results.md. */
    static String table(String title, List<Reproductions.Row> rows, boolean quick, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %s reproduction (%.0f s)%n%n", title, quick ? "quick" : "full",
                seconds));
        sb.append("| experiment | paper train / test | ours train / test | gradient alignment | matched | paper formula | our formula | exact | seconds |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Reproductions.Row r : rows) {
            RunMetrics o = r.outcome().metrics();
            sb.append(String.format(Locale.ROOT, "| %s | %.0f %% / %.0f %% | %.2f %% / %.2f %% | %.5f | %s | `%s` | `%s` | %s | %.1f |%n",
                    r.experiment().name(), 100 * r.experiment().paperTrainAccuracy(), 100 * r.experiment().paperTestAccuracy(),
                    100 * orNaN(o.trainAccuracy()), 100 * orNaN(o.testAccuracy()), o.gradientAlignment(),
                    String.join(", ", o.matchedInvariants()), r.experiment().paperFormula(), o.formula(),
                    o.formulaExact() ? "yes" : "no", o.trainSeconds()));
        }
        return sb.toString();
    }

    /** The side-by-side table of methods on the same data (Ha & Jeong's comparison). */
    static String comparison(String title, List<Reproductions.Row> rows, boolean quick, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %s comparison on the same data (%.0f s)%n%n", title,
                quick ? "quick" : "full", seconds));
        sb.append("| system | method | \\|r\\| with | \\|r\\| | gradient alignment | our formula | verdict | seconds |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (Reproductions.Row r : rows) {
            RunMetrics o = r.outcome().metrics();
            String scored = r.experiment().scoredOn();
            Double pearson = o.pearsonPerInvariant().get(scored);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.4f | %.5f | `%s` | %s | %.1f |%n",
                    o.system(), r.experiment().method(), scored, pearson == null ? Double.NaN : pearson,
                    o.gradientAlignment(), o.formula(), o.formulaVerdicts().isEmpty() ? "-"
                            : o.formulaVerdicts().get(0).kind().word(), o.trainSeconds()));
        }
        return sb.toString();
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }
}
