package org.invariantlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.compare.Cell;
import org.invariantlab.core.compare.CellExecutor;
import org.invariantlab.core.compare.CellWorker;
import org.invariantlab.core.compare.CellResult;
import org.invariantlab.core.compare.Comparison;
import org.invariantlab.core.compare.ExecutorsModule;
import org.invariantlab.core.compare.Grid;
import org.invariantlab.core.compare.GridFile;
import org.invariantlab.core.compare.GridPlan;
import org.invariantlab.core.io.IoErrors;
import org.invariantlab.core.job.ResultDirectory;
import org.invariantlab.core.train.EpochStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code invariantlab compare GRID.yaml --out DIR}: methods side by side over data, seeds and sweeps. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Run every cell of a grid (data x methods x seeds x sweeps; docs/comparing-methods.md) and "
                + "write a report: DIR/report.md, DIR/report.html (self-contained), DIR/results.csv, DIR/cells/<id>/.",
                "Every cell is checked before anything runs. Interrupted, the same command finishes only the missing "
                + "cells. Exit code 0 when every cell ran (whatever it found), 1 when some cell could not be run, 2 for "
                + "bad input."})
final class CompareCommand extends LabCommand {

    @Parameters(index = "0", paramLabel = "GRID", description = "The grid file (YAML), or the name of one of the "
            + "installation's examples/grids (benchmark, noise, wetzel2020, …).")
    String gridName;

    /** The grid file: {@code GRID} as a path, or the installation's grid of that name. */
    Path grid;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Result directory: new, empty, or an earlier comparison (its finished cells are reused).")
    Path out;

    @Option(names = "--quick", description = "Apply the grid's 'quick:' overrides (small sizes, for a first look).")
    boolean quick;

    @Option(names = "--executor", paramLabel = "ID", defaultValue = "local",
            description = "Where cells run: local (default) or spark (with the Spark add-on).")
    String executor;

    @Option(names = "--parallel", paramLabel = "N",
            description = "local: N cells at a time, 1 to 256 (default 1: on 2 cores, one training at a time is fastest).")
    Integer parallel;

    @Option(names = "--master", paramLabel = "URL", description = "spark: the master, e.g. local[2] or spark://host:7077 (the installation and plugins are shipped to the workers; docs/spark.md).")
    String master;

    @Option(names = "--force", description = "Run again the finished cells that this grid would run differently "
            + "(changed settings or plugin jars), instead of refusing.")
    boolean force;

    @Option(names = "--dry-run", description = "Check every cell and list them, without running anything.")
    boolean dryRun;

    @Override
    int run(InvariantLab lab, PrintWriter pw) {
        if (parallel != null && parallel < 1) {
            throw new InvalidInputException("--parallel must be between 1 and 256, got " + parallel);
        }
        grid = ReproductionGrids.file(gridName);
        Grid g = GridFile.read(grid);
        String text;
        try {
            text = Files.readString(grid, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + grid + ": " + IoErrors.describe(e, grid), e);
        }
        GridPlan plan = GridPlan.of(g, quick);
        CellExecutor exec = ExecutorsModule.executor(lab, executor);
        CellExecutor.Options options = new CellExecutor.Options(parallel == null ? 0 : parallel, master);
        Progress progress = new Progress(pw);
        if (dryRun) {
            exec.check(options);
            ResultDirectory.checkInPlace(out, ResultDirectory.Kind.COMPARISON);
            plan.validate(job(lab, CellWorker.class), progress::checked);
            plan.cells().forEach(c -> pw.println(c.id()));
            pw.printf(Locale.ROOT, "%d cells of grid '%s'%s are valid; nothing was run%n", plan.cells().size(), g.name(),
                    quick ? " (--quick)" : "");
            return ExitCodes.OK;
        }
        Comparison.Outcome o;
        try {
            o = Comparison.run(job(lab, CellWorker.class), plan, text, out, exec, options, force, progress);
        } catch (InvalidInputException e) {
            return refuse(e); // a bad grid, option or folder: exit 2; a failure while running propagates (exit 1)
        }
        pw.println();
        o.report().lines().filter(line -> !line.startsWith("![") && !line.startsWith("Cells: ")).forEach(pw::println);
        pw.printf(Locale.ROOT, "%d cells: %d reused, %d run (%.0f s)%s%n", o.results().size(), o.reused(), o.ran(),
                o.seconds(), o.errors() > 0 ? ", " + o.errors() + " could not be run (see the report; run the same "
                        + "command again to retry them)" : "");
        pw.printf(Locale.ROOT, "Report: %s and report.html; every cell: %s%n", out.toAbsolutePath().resolve("report.md"),
                out.toAbsolutePath().resolve("results.csv"));
        return o.errors() > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /** One line per cell; epochs only on an interactive terminal, redrawn in place. */
    private static final class Progress implements Comparison.Progress {
        private final PrintWriter out;
        private final ProgressPrinter epochs;
        private final boolean interactive = System.console() != null;
        private long lastChecked = System.nanoTime();

        Progress(PrintWriter out) {
            this.out = out;
            this.epochs = new ProgressPrinter(out, true);
        }

        @Override
        public void reused(int cells, int total) {
            if (cells > 0) {
                out.printf(Locale.ROOT, "%d of %d cells are finished already (reused)%n", cells, total);
                out.flush();
            }
        }

        @Override
        public void cellStarted(Cell cell, int done, int total, double etaSeconds) {
            out.printf(Locale.ROOT, "[%d/%d done%s] cell %s%n", done, total, Double.isNaN(etaSeconds) ? ""
                    : ", ETA " + time(etaSeconds), cell.id());
            out.flush();
        }

        @Override
        public void cellFinished(CellResult r, int done, int total, double etaSeconds) {
            if (interactive) {
                out.println();
            }
            out.printf(Locale.ROOT, "  %s: %s in %.1f s%s%n", r.cell().id(), r.status().replace('_', ' '),
                    r.provenance() == null ? Double.NaN : r.provenance().seconds(),
                    r.message() == null ? "" : " — " + r.message());
            out.flush();
        }

        /** Every two seconds while cells are checked, and at the end of a long check. */
        @Override
        public void checked(int done, int total) {
            long now = System.nanoTime();
            if (done < total && now - lastChecked < 2_000_000_000L) {
                return;
            }
            if (done == total && now - lastChecked < 2_000_000_000L && done < 1000) {
                return;
            }
            lastChecked = now;
            out.printf(Locale.ROOT, "checking cells: %d of %d%n", done, total);
            out.flush();
        }

        @Override
        public void stage(String message) {
            // cells print one line each; a stage line per cell would bury them
        }

        @Override
        public void epochCompleted(EpochStats s) {
            if (interactive) {
                epochs.epochCompleted(s);
            }
        }

        private static String time(double seconds) {
            long s = Math.round(seconds);
            return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s"
                    : (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
    }
}
