package org.invariantlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.count.CountSpec;
import org.invariantlab.core.count.CountJob;
import org.invariantlab.core.count.CountDecision;
import org.invariantlab.core.count.CountResult;
import org.invariantlab.core.count.CountRun;
import org.invariantlab.core.count.CountSettings;
import org.invariantlab.core.count.Counter;
import org.invariantlab.core.job.DataFile;
import org.invariantlab.core.job.ResultDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code invariantlab count}: how many conserved quantities, independent and in involution, and which. */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = {"Count the conserved quantities of a dynamical system from its vector field, or of measured "
                + "trajectories (--data FILE; with time stamps, or as unordered snapshots of each trajectory without "
                + "them): independent ones "
                + "(AI Poincare 2.0's singular values of jointly trained gradients, --method svd) and those in "
                + "involution (neural deflation with the Poisson bracket, --method deflation, which needs the "
                + "neural-deflation plugin), or by a plugin's counting method (e.g. --method library-nullspace); read "
                + "each as a formula and compare with the truth; one decision (certified, agreed or uncertain) from all "
                + "methods.",
                "Writes DIR/count.json, DIR/spectrum.png, DIR/deflation.png, DIR/training.png, DIR/networks/ (every trained "
                + "network, DL4J format) and DIR/provenance.json."})
final class CountCommand extends LabCommand {

    @Option(names = "--system", paramLabel = "ID", description = "Dynamical system (see 'invariantlab systems').")
    String systemId;

    @Mixin
    DataFileOptions data = new DataFileOptions();

    @Mixin
    FeatureOptions features = new FeatureOptions();

    @Option(names = "--canonical", paramLabel = "Q,..:P,..",
            description = "With --data: the conjugate pairs, positions then momenta, e.g. x,y:px,py (enables the count "
                    + "in involution).")
    String canonical;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "System parameter, repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--method", paramLabel = "M", defaultValue = "all", description = "svd, deflation, all (both, and every installed counting method) or the id of an installed counting method, e.g. library-nullspace (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--max", paramLabel = "K", defaultValue = "0", description = "Outputs of the joint network and most deflation stages (default 0: the state dimension).")
    int max;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "150", description = "Passes over the training states per network (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "256", description = "States per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "0.001", description = "Adam step size at the start (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--schedule", paramLabel = "S", defaultValue = "constant", description = "Learning-rate schedule per epoch: constant, cosine or step (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--hidden", paramLabel = "W", split = ",", defaultValue = "64,64,64",
            description = "Hidden-layer widths (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "swish", description = "Hidden activation: swish, tanh, sigmoid, softplus, gelu or mish (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "float", description = "Network precision: float (the fast kernel) or double (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--check-horizon", paramLabel = "H", defaultValue = "NaN", description = "How much longer the trajectory check looks than the networks train: a system's test trajectories span H times its tMax; a data file's networks train on the first 1/H of each trajectory's time span and the check sees all of it (default: 1 for a system, 2 for a data file).")
    double checkHorizon;

    @Option(names = "--trajectories", paramLabel = "N", defaultValue = "512", description = "Training trajectories (default: ${DEFAULT-VALUE}).")
    int trajectories;

    @Option(names = "--states-per-trajectory", paramLabel = "M", defaultValue = "8", description = "States per trajectory (default: ${DEFAULT-VALUE}).")
    int statesPerTrajectory;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--nu", paramLabel = "NU", defaultValue = "1", description = "Weight of the orthogonality term of the svd method (default: ${DEFAULT-VALUE}).")
    double nu;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "1", description = "Deflation exponent, 0.5 or 1 (default: ${DEFAULT-VALUE}).")
    String alpha;

    @Option(names = "--sv-tolerance", paramLabel = "T", defaultValue = "0.2", description = "svd: count mean singular values above T (default: ${DEFAULT-VALUE}).")
    double svTolerance;

    @Option(names = "--deflation-tolerance", paramLabel = "T", defaultValue = "0.05", description = "deflation: count leading stages whose final loss is below T (default: ${DEFAULT-VALUE}).")
    double deflationTolerance;

    @Option(names = "--svd-loss", paramLabel = "ID", defaultValue = CountSettings.SVD_LOSS, description = "svd: the gradient loss its joint network trains with, built-in or a plugin's (stage plan JOINT; default: ${DEFAULT-VALUE}).")
    String svdLoss;

    @Option(names = "--deflation-loss", paramLabel = "ID", defaultValue = CountSettings.DEFLATION_LOSS, description = "deflation: the gradient loss its stages train with (stage plan SEQUENTIAL; default: ${DEFAULT-VALUE}).")
    String deflationLoss;

    @Option(names = "--interpreter", paramLabel = "ID", defaultValue = CountSettings.INTERPRETER, description = "The symbolic interpreter that reads counted functions as formulas (default: ${DEFAULT-VALUE}).")
    String interpreter;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Result directory (new or empty; --force replaces an earlier count).")
    Path out;

    @Option(names = "--force", description = "Replace an earlier count in DIR once the new one is complete.")
    boolean force;

    @Override
    int run(InvariantLab lab, PrintWriter pw) {
        CountSettings settings = new CountSettings(method, max, epochs, batchSize, learningRate, schedule, hidden,
                activation, precision, trajectories, statesPerTrajectory, seed, nu, alpha, svTolerance, deflationTolerance,
                svdLoss, deflationLoss, interpreter);
        DataFile file = data.file();
        if (file != null) {
            var parse = spec.commandLine().getParseResult();
            if (parse.hasMatchedOption("--trajectories") || parse.hasMatchedOption("--states-per-trajectory")) {
                throw new InvalidInputException("--trajectories and --states-per-trajectory size a simulated system's "
                        + "data; a data file is split by --split (default 0.8,0.1,0.1)");
            }
        }
        CountSpec countSpec = new CountSpec(systemId, params, file, canonical, settings, checkHorizon, features.features);
        CountJob job = job(lab, CountJob.class);
        try {
            checkOutput(out, ResultDirectory.Kind.COUNT, force, file == null ? null : Path.of(file.path()));
        } catch (InvariantLabException e) {
            return refuse(e);
        }
        CountRun run = job.run(countSpec, out, force, commandLineText(), ProgressPrinter.forConsole(pw),
                turn -> pw.printf(Locale.ROOT, "warning: neighbouring steps of a trajectory turn by %.0f degrees "
                        + "(median); the direction of motion is poorly resolved, sample the trajectories more densely%n",
                        turn));
        pw.println();
        pw.print(summary(run.result()));
        pw.printf(Locale.ROOT, "Result in %s%n", out.toAbsolutePath());
        return ExitCodes.OK;
    }

    /** The printed summary. */
    static String summary(CountResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Conserved quantities of %s (%s)%n", r.system(),
                String.join(", ", r.variables())));
        if (r.source().kind().equals("file")) {
            b.append(String.format(Locale.ROOT, "  data           %d trajectories, %d states; directions of motion by finite "
                            + "differences in time (median turn between steps %.1f degrees)%n", r.source().trajectories(),
                    r.source().states(), r.source().medianTurnDegrees()));
            b.append(String.format(Locale.ROOT, "  truth          %s%n", r.trueInvariants().isEmpty()
                    ? "none given (--truth NAME=EXPR compares with invariants you suspect)"
                    : "rank of the suspected invariants' gradients " + r.trueIndependent() + " ("
                    + String.join(", ", r.trueInvariants()) + ")"));
        } else {
            b.append(String.format(Locale.ROOT, "  truth          %s independent, %s in involution (declared by the "
                            + "system); rank of the true gradients %d (%s)%n", known(r.declaredIndependent()),
                    known(r.declaredInInvolution()), r.trueIndependent(),
                    r.trueInvariants().isEmpty() ? "no invariants" : String.join(", ", r.trueInvariants())));
        }
        if (r.svd() != null) {
            CountResult.Svd s = r.svd();
            // the span alignment compares the counted directions with the truth's: nothing to compare, nothing said
            String span = Double.isFinite(s.spanAlignment()) && !r.trueInvariants().isEmpty()
                    ? String.format(Locale.ROOT, "; span alignment %.4f", s.spanAlignment()) : "";
            b.append(String.format(Locale.ROOT, "  svd            %d independent; mean singular values %s (count above "
                            + "%.2g)%s; %.1f s, %.0f states/s%n", s.count(), numbers(s.spectrum()),
                    s.tolerance(), span, s.seconds(), s.statesPerSecond()));
            b.append(String.format(Locale.ROOT, "                 spread along trajectories per output %s (an output is "
                    + "conserved below %.2g; with none, the count is 0)%n", numbers(s.conservation()),
                    Counter.CONSERVATION_TOLERANCE));
            for (CountResult.Formula f : s.formulas()) {
                b.append(formula(f));
            }
            if (s.formulaSet() != null) {
                b.append(String.format(Locale.ROOT, "                 together: %s%n", s.formulaSet().describe()));
            }
        }
        for (CountResult.Deflation d : r.deflation()) {
            b.append(String.format(Locale.ROOT, "  deflation      %d %s; final loss per stage %s (count below %.2g); %.1f s, "
                            + "%.0f states/s%n", d.count(), d.bracket() ? "in involution (with the Poisson bracket)"
                            : "independent (without the bracket)", numbers(d.stageLoss()), d.tolerance(), d.seconds(),
                    d.statesPerSecond()));
            b.append(String.format(Locale.ROOT, "                 spread along trajectories per stage %s%n",
                    numbers(d.stageConservation())));
            for (CountResult.Formula f : d.formulas()) {
                b.append(formula(f));
            }
            if (d.formulaSet() != null) {
                b.append(String.format(Locale.ROOT, "                 together: %s%n", d.formulaSet().describe()));
            }
        }
        for (CountResult.MethodCount m : r.methods()) {
            if (r.boundOnly(m)) { // its rule says "at most N conserved"
                b.append(String.format(Locale.ROOT, "  %-14s %s; %.1f s%n", m.method(), m.rule(), m.seconds()));
                continue;
            }
            b.append(String.format(Locale.ROOT, "  %-14s %d independent%s; %s; %.1f s%n", m.method(), m.count(),
                    m.inInvolution() >= 0 ? ", " + m.inInvolution() + " in involution (largest commuting set of its basis "
                            + "elements)" : "", m.rule(), m.seconds()));
            if (m.conservation().length > 0) {
                b.append(String.format(Locale.ROOT, "                 spread along trajectories per quantity %s%n",
                        numbers(m.conservation())));
            }
            for (CountResult.Formula f : m.formulas()) {
                b.append(formula(f));
            }
            if (m.formulaSet() != null) {
                b.append(String.format(Locale.ROOT, "                 together: %s%n", m.formulaSet().describe()));
            }
        }
        for (String w : r.warnings()) {
            b.append(String.format(Locale.ROOT, "  warning        %s%n", w));
        }
        CountDecision decision = r.decision();
        if (decision != null) {
            b.append(String.format(Locale.ROOT, "  decision       %s%n", decision.reason()));
        }
        String by = decision == null ? "" : decision.confident() ? " (" + decision.status() + ")"
                : String.format(Locale.ROOT, " (%s's; uncertain, between %d and %d)", r.reportedBy(), decision.atLeast(),
                decision.atMost());
        b.append(String.format(Locale.ROOT, "  counts         independent %s%s, in involution %s (%.0f s)%n",
                r.independent() < 0 ? "not measured" : String.valueOf(r.independent()), by,
                r.inInvolution() >= 0 ? String.valueOf(r.inInvolution()) : r.source().kind().equals("file")
                        ? "not measured (--canonical names the (q, p) pairs)" : "not measured", r.seconds()));
        return b.toString();
    }

    private static String known(int count) {
        return count < 0 ? "unknown" : String.valueOf(count);
    }

    private static String formula(CountResult.Formula f) {
        return String.format(Locale.ROOT, "                   %s%n                     %s%s%n",
                f.expression(), f.verdict() != null ? f.verdict().describe() : f.conserved()
                        ? "conserved along unseen trajectories" : "NOT conserved along unseen trajectories",
                Double.isFinite(f.networkAlignment()) ? String.format(Locale.ROOT, "; explains the network to %.4f",
                        f.networkAlignment()) : "");
    }

    private static String numbers(double[] v) {
        return Counter.format(v);
    }
}
