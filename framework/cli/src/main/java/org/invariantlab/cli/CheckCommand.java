package org.invariantlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.check.Check;
import org.invariantlab.core.check.CheckResult;
import org.invariantlab.core.job.DataFile;
import org.invariantlab.core.job.ResultDirectory;
import org.invariantlab.core.verdict.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code invariantlab check}: verdicts on formulas you type, for a system or a data file. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Judge formulas you type (your guess, a formula from a paper) as every learned formula is judged: "
                + "proven (a system with its vector field as formulas: the Lie derivative is 0), exact (a function of "
                + "the declared invariants), conserved on held-out data (constant along groups, far below a function "
                + "that is not conserved), or not conserved; and whether they are independent and in involution.",
                "Formulas use numbers, the variables, Pi, E, + - * / ^ and Sqrt, Exp, Log, Sin, Cos, …, Abs "
                + "(docs/safety.md). With --out DIR also writes DIR/check.json."})
final class CheckCommand extends LabCommand {

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "FORMULA", description = "Formulas to check, e.g. 'x*py-y*px'.")
    List<String> formulas;

    @Option(names = "--system", paramLabel = "ID", description = "The system (see 'invariantlab systems').")
    String system;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "System parameter, repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Mixin
    DataFileOptions data = new DataFileOptions();

    @Mixin
    FeatureOptions features = new FeatureOptions();

    @Option(names = "--canonical", paramLabel = "Q,..:P,..",
            description = "With --data: the conjugate pairs, positions then momenta (enables the involution check).")
    String canonical;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the sampled states and of "
            + "the random points (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write DIR/check.json (new or empty; --force replaces "
            + "an earlier check).")
    Path out;

    @Option(names = "--force", description = "Replace an earlier check in DIR.")
    boolean force;

    @Override
    int run(InvariantLab lab, PrintWriter pw) {
        DataFile file = data.file();
        Check.Spec checkSpec = new Check.Spec(system, params, file, canonical, formulas, features.features, seed);
        if (out != null) {
            try {
                checkOutput(out, ResultDirectory.Kind.CHECK, force, file == null ? null : Path.of(file.path()));
            } catch (InvariantLabException e) {
                return refuse(e);
            }
        }
        CheckResult r = new Check(lab).run(checkSpec, out, force, commandLineText());
        pw.printf(Locale.ROOT, "Verdicts on %s (%s); %s; %d held-out groups%n", r.source(), String.join(", ", r.variables()),
                r.vectorField() ? "vector field declared as formulas: proofs possible" : "no vector field formulas",
                r.heldOut());
        for (Verdict v : r.verdicts()) {
            pw.printf(Locale.ROOT, "  %s%n      %s%n", v.formula(), v.describe());
        }
        if (r.set() != null) {
            pw.printf(Locale.ROOT, "  together: %s%n", r.set().describe());
        }
        if (out != null) {
            pw.printf(Locale.ROOT, "Result in %s (check.json)%n", out.toAbsolutePath());
        }
        return ExitCodes.OK;
    }
}
