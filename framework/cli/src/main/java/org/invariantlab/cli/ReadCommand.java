package org.invariantlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.invariantlab.api.symbolic.Interpretation;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.job.FormulaReport;
import org.invariantlab.core.run.ResultReader;
import org.invariantlab.core.run.RunStatus;
import org.invariantlab.core.score.FormulaCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code invariantlab read}: re-read the model of a finished run with other reader settings, without retraining. */
@Command(name = "read", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read the saved model of a finished run again as a formula, with other interpreter settings, "
            + "without retraining.",
            "The run's test and fresh groups are drawn again from its spec and seed. Prints the formulas and their "
            + "checks; with --out also writes a new result folder (the old one is never changed).",
            "The run's status is judged again with the new formulas: exit 3 when the network and every formula read "
            + "from it are shown not conserved (a shortcut), as 'run' does."})
final class ReadCommand extends LabCommand {

    @Parameters(index = "0", paramLabel = "RESULT_DIR", description = "Folder written by 'invariantlab run --out'.")
    Path result;

    @Option(names = "--interpreter", paramLabel = "ID",
            description = "Symbolic interpreter (default: the run's own; see 'invariantlab extensions').")
    String interpreter;

    @Option(names = "--interpreter-param", paramLabel = "KEY=VALUE",
            description = "Interpreter parameter, repeatable; added to the run's own when the interpreter is the same.")
    Map<String, String> interpreterParams = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Write the new reading as a result folder here.")
    Path out;

    @Option(names = "--force", description = "Replace an existing result in DIR (only once the new one is complete).")
    boolean force;

    @Override
    int run(InvariantLab lab, PrintWriter out) {
        ResultReader.Reading r = job(lab, ResultReader.class).read(result, interpreter, interpreterParams, this.out, force,
                commandLineText(), ProgressPrinter.forConsole(out));
        FormulaReport f = r.formulas();
        out.println();
        out.printf(Locale.ROOT, "Reading of %s with %s %s%n", result, r.spec().interpreter(), r.spec().interpreterParams());
        out.printf(Locale.ROOT, "  network       alignment %.5f with %s%n", r.scores().gradientAlignment(),
                r.scores().matched());
        if (f.error() != null) {
            out.printf(Locale.ROOT, "  formula       none: %s%n", f.error());
            return ExitCodes.FAILURE;
        }
        List<Interpretation> readings = f.readings();
        for (int j = 0; j < readings.size(); j++) {
            Interpretation i = readings.get(j);
            FormulaCheck.Result c = f.checks().get(j);
            out.printf(Locale.ROOT, "  formula       %s%n", i.expression());
            out.printf(Locale.ROOT, "                %s%n", f.verdicts().get(j).describe());
            out.printf(Locale.ROOT, "                read by %s; explains the network to %.5f; %s%n", i.reading(),
                    i.networkAlignment(), FormulaCheck.describe(c));
        }
        if (f.set() != null) {
            out.printf(Locale.ROOT, "  together      %s%n", f.set().describe());
        }
        for (String flag : f.flags()) {
            out.printf(Locale.ROOT, "  warning       %s%n", flag);
        }
        if (r.written() != null) {
            out.printf(Locale.ROOT, "Result in %s%n", r.written());
        }
        if (r.verdict().status() == RunStatus.SHORTCUT) {
            out.printf(Locale.ROOT, "  status        %s: %s%n", r.verdict().status(), r.verdict().message());
            return ExitCodes.FAILED_TO_LEARN;
        }
        if (r.statusChanged()) {
            out.printf(Locale.ROOT, "  status        %s (the run was stored as %s; this reading's formulas are not all"
                    + " shown wrong)%n", r.verdict().status(), r.stored());
        }
        return ExitCodes.OK;
    }
}
