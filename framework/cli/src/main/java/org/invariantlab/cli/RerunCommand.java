package org.invariantlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.compare.CellResult;
import org.invariantlab.core.compare.CellWorker;
import org.invariantlab.core.compare.Comparison;
import org.invariantlab.core.compare.LocalExecutor;
import org.invariantlab.core.compare.Rerun;
import org.invariantlab.core.io.IoErrors;
import org.invariantlab.core.io.Leftovers;
import org.invariantlab.core.io.OutputPaths;
import org.invariantlab.core.job.JobListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code invariantlab rerun DIR/cells/<id>}: reproduce one cell of a comparison and report any difference. */
@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = {"Run one cell of a comparison again from its stored settings and seed, and report every metric "
                + "that differs from the stored one (training seconds excepted).",
                "Exit code 0 when the metrics agree, 4 when some differ, 2 for bad input."})
final class RerunCommand extends LabCommand {

    @Parameters(index = "0", paramLabel = "CELL", description = "A cell folder: DIR/cells/<id>.")
    Path cell;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Keep the new cell in DIR/<id>/ (default: a temporary folder, removed afterwards).")
    Path out;

    @Override
    int run(InvariantLab lab, PrintWriter pw) {
        CellResult stored = Comparison.read(cell).orElseThrow(() -> new InvalidInputException(cell + " is not a "
                + "finished cell of a comparison (it has no readable " + CellWorker.CELL_FILE + "); give DIR/cells/<id>"));
        boolean temporary = out == null;
        Path parent = temporary ? null : OutputPaths.folder(out, "--out");
        if (!temporary) { // checked before the cell runs
            Path target = parent.resolve(stored.cell().id());
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(target + " exists already; give another --out");
            }
            Path cellReal = OutputPaths.realOrAbsolute(cell);
            Path comparison = cellReal.getParent() != null && cellReal.getParent().getFileName() != null
                    && cellReal.getParent().getFileName().toString().equals("cells") ? cellReal.getParent().getParent()
                    : cellReal;
            OutputPaths.refuseOverlap(target, List.of(comparison), "the comparison of the cell being rerun");
        }
        try {
            parent = temporary ? Files.createTempDirectory("invariantlab-rerun-") : Files.createDirectories(parent);
        } catch (IOException e) {
            throw new InvalidInputException("cannot create a folder for the rerun: " + IoErrors.describe(e));
        }
        try {
            pw.printf(Locale.ROOT, "Running cell %s again (%s, seed %d)%n", stored.cell().id(), stored.cell().kind(),
                    stored.cell().seed());
            pw.flush();
            CellResult now = job(lab, CellWorker.class).run(stored.cell(), parent, LocalExecutor.ID + " (rerun) on "
                    + LocalExecutor.host(), JobListener.silent());
            List<Rerun.Difference> diffs = Rerun.differences(stored, now);
            if (diffs.isEmpty()) {
                pw.printf(Locale.ROOT, "Identical metrics: status %s, every metric and formula as stored (%.1f s)%n",
                        now.status(), now.provenance().seconds());
                return ExitCodes.OK;
            }
            pw.println("| metric | stored | rerun |");
            pw.println("|---|---|---|");
            for (Rerun.Difference d : diffs) {
                pw.printf(Locale.ROOT, "| %s | %s | %s |%n", d.metric(), d.stored(), d.rerun());
            }
            pw.printf(Locale.ROOT, "%d metric%s differ%s from the stored cell%n", diffs.size(), diffs.size() == 1 ? "" : "s",
                    diffs.size() == 1 ? "s" : "");
            return ExitCodes.DIFFERS;
        } finally {
            if (temporary) {
                delete(parent);
            } else {
                pw.printf(Locale.ROOT, "New cell: %s%n", parent.resolve(stored.cell().id()));
            }
        }
    }

    private static void delete(Path dir) {
        try {
            Leftovers.deleteTree(dir);
        } catch (java.io.UncheckedIOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
