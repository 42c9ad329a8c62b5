package org.invariantlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.io.FolderLock;
import org.invariantlab.core.io.OutputPaths;
import org.invariantlab.core.compare.CellResult;
import org.invariantlab.core.compare.Comparison;
import org.invariantlab.core.compare.ComparisonReport;
import org.invariantlab.core.compare.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code invariantlab report DIR}: the comparison's report again, from its stored cells, without training. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerate DIR/report.md, DIR/report.html, DIR/results.csv and DIR/report/*.png of a comparison "
                + "from its stored cells (no training).")
final class ReportCommand extends LabCommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "The --out folder of 'invariantlab compare'.")
    Path dir;

    @Override
    int run(InvariantLab lab, PrintWriter out) {
        Path root = OutputPaths.realOrAbsolute(dir);
        Manifest manifest = Manifest.read(root);
        List<CellResult> results = Comparison.stored(root, manifest);
        try (FolderLock lock = FolderLock.acquire(root, commandLineText())) {
            ComparisonReport.write(root, manifest, results);
        }
        out.printf(Locale.ROOT, "Report of %d of %d cells: %s and report.html%n", results.size(),
                manifest.cells().size(), root.resolve("report.md"));
        return ExitCodes.OK;
    }
}
