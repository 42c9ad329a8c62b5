package org.invariantlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.training.IndependenceLoss;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.builtin.GradientOrthogonalityLoss;
import org.invariantlab.core.count.CountData;
import org.invariantlab.core.count.CountResult;
import org.invariantlab.core.count.CountRun;
import org.invariantlab.core.count.CountSettings;
import org.invariantlab.core.count.Counter;
import org.invariantlab.core.data.FileDataModel;
import org.invariantlab.core.data.TrajectoryTangents;
import org.invariantlab.core.provenance.ExtensionRef;
import org.invariantlab.core.provenance.Provenance;
import org.invariantlab.core.registry.ExtensionRecord;
import org.invariantlab.core.report.Plots;
import org.invariantlab.core.run.DataFile;
import org.invariantlab.physics.dynamics.DynamicalSystem;
import org.invariantlab.core.run.ResultDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code invariantlab count}: how many conserved quantities, independent and in involution, and which. */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = {"Count the conserved quantities of a dynamical system from its vector field, or of measured "
                + "trajectories with time stamps (--data FILE): independent ones "
                + "(AI Poincare 2.0's singular values of jointly trained gradients, --method svd) and those in "
                + "involution (neural deflation with the Poisson bracket, --method deflation, which needs the "
                + "neural-deflation plugin); read each as a formula and compare with the truth.",
                "Writes DIR/count.json, DIR/spectrum.png, DIR/deflation.png, DIR/training.png, DIR/networks/ (every trained "
                + "network, DL4J format) and DIR/provenance.json."})
final class CountCommand extends LabCommand {

    @Option(names = "--system", paramLabel = "ID", description = "Dynamical system (see 'invariantlab systems').")
    String systemId;

    @Mixin
    DataFileOptions data = new DataFileOptions();

    @Option(names = "--canonical", paramLabel = "Q,..:P,..",
            description = "With --data: the conjugate pairs, positions then momenta, e.g. x,y:px,py (enables the count "
                    + "in involution).")
    String canonical;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "System parameter, repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--method", paramLabel = "M", defaultValue = "all", description = "svd, deflation or all (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "swish", description = "Hidden activation: swish, tanh, sigmoid, softplus or gelu (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "float", description = "Network precision: float (the fast kernel) or double (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--check-horizon", paramLabel = "H", defaultValue = "1", description = "Test trajectories over H times the system's tMax for the trajectory check (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Result directory (new or empty; --force replaces an earlier count).")
    Path out;

    @Option(names = "--force", description = "Replace an earlier count in DIR once the new one is complete.")
    boolean force;

    @Override
    int run(InvariantLab lab, PrintWriter pw) {
        CountSettings settings = new CountSettings(method, max, epochs, batchSize, learningRate, schedule, hidden,
                activation, precision, trajectories, statesPerTrajectory, seed, nu, alpha, svTolerance, deflationTolerance);
        DataFile file = data.file();
        if ((systemId == null) == (file == null)) {
            throw new InvalidInputException("give --system ID or --data FILE (one of them): what to count the conserved "
                    + "quantities of");
        }
        List<ExtensionRef> refs = new ArrayList<>();
        CountData countData;
        if (file != null) {
            if (!params.isEmpty()) {
                throw new InvalidInputException("--param sets a system's parameters; a data file has none (remove "
                        + "--param)");
            }
            var parse = spec.commandLine().getParseResult();
            if (parse.hasMatchedOption("--trajectories") || parse.hasMatchedOption("--states-per-trajectory")) {
                throw new InvalidInputException("--trajectories and --states-per-trajectory size a simulated system's "
                        + "data; a data file is split by --split (default 0.8,0.1,0.1)");
            }
            FileDataModel model = FileDataModel.read(Path.of(file.path()), file.variables(), file.groupColumn(),
                    file.timeColumn(), file.ignore(), file.statesArray(), file.timesArray(), file.truth());
            countData = CountData.fromFile(model, file, layout(canonical, model.stateSpace().variables()), seed);
            refs.add(new ExtensionRef("DataFile", model.name(), model.path().toString(), "sha256:" + model.sha256(),
                    model.truthExpressions()));
        } else {
            if (canonical != null) {
                throw new InvalidInputException("--canonical names a data file's conjugate variables; a system declares "
                        + "its own (remove --canonical)");
            }
            ExtensionRecord<PhysicalSystem> rec = lab.registry().record(PhysicalSystem.class, systemId);
            PhysicalSystem system = rec.extension();
            Parameters resolved = Parameters.resolve(system.id(), system.parameters(), params);
            SystemModel model = system.configure(resolved);
            SystemModel checkModel = model;
            if (checkHorizon != 1) {
                if (!(checkHorizon > 1) || system.parameters().stream().noneMatch(p -> p.name().equals(DynamicalSystem.T_MAX))) {
                    throw new InvalidInputException("--check-horizon needs a factor above 1 and a system with a tMax "
                            + "parameter (a trajectory system); got " + checkHorizon + " for '" + systemId + "'");
                }
                Map<String, String> longer = new LinkedHashMap<>(resolved.asText());
                longer.put(DynamicalSystem.T_MAX, String.valueOf(resolved.getDouble(DynamicalSystem.T_MAX) * checkHorizon));
                checkModel = system.configure(Parameters.resolve(system.id(), system.parameters(), longer));
            }
            countData = CountData.simulate(system.id(), resolved.asText(), model, checkModel, trajectories,
                    statesPerTrajectory, seed);
            refs.add(new ExtensionRef("PhysicalSystem", rec.id(), rec.origin(), rec.originVersion(),
                    resolved.asText()));
        }
        Optional<ExtensionRecord<IndependenceLoss>> deflation = lab.registry().find(IndependenceLoss.class,
                "neural-deflation");
        if (settings.deflation() && deflation.isEmpty()) {
            throw new InvalidInputException("--method " + settings.method() + " needs the neural-deflation plugin, "
                    + "which is not in " + lab.pluginsDirectory() + "; add its jar or use --method svd");
        }
        ExtensionRecord<IndependenceLoss> orthogonality = lab.registry().record(IndependenceLoss.class,
                GradientOrthogonalityLoss.ID);
        ExtensionRecord<SymbolicInterpreter> interpreter = lab.registry().record(SymbolicInterpreter.class,
                "polynomial");
        Parameters interpreterParameters = Parameters.resolve(interpreter.id(), interpreter.extension().parameters(),
                Map.of());
        ResultDirectory dir;
        try {
            dir = ResultDirectory.open(out, ResultDirectory.Kind.COUNT, force);
        } catch (InvariantLabException e) {
            return refuse(e);
        }
        try (dir) {
            ProgressPrinter progress = ProgressPrinter.forConsole(pw);
            if (countData.source().medianTurnDegrees() > TrajectoryTangents.TURN_WARNING_DEGREES) {
                pw.printf(Locale.ROOT, "warning: neighbouring steps of a trajectory turn by %.0f degrees (median); the "
                        + "direction of motion is poorly resolved, sample the trajectories more densely%n",
                        countData.source().medianTurnDegrees());
            }
            CountRun run = Counter.count(countData, settings, orthogonality.extension(),
                    deflation.map(ExtensionRecord::extension), interpreter.extension(), interpreterParameters, progress);
            CountResult r = run.result();
            refs.add(new ExtensionRef("IndependenceLoss", orthogonality.id(), orthogonality.origin(),
                    orthogonality.originVersion(), Map.of("nu", String.valueOf(nu))));
            deflation.ifPresent(d -> refs.add(new ExtensionRef("IndependenceLoss", d.id(), d.origin(), d.originVersion(),
                    Map.of("alpha", alpha))));
            refs.add(new ExtensionRef("SymbolicInterpreter", interpreter.id(), interpreter.origin(),
                    interpreter.originVersion(), interpreterParameters.asText()));
            dir.writeJson("count.json", r);
            dir.writeJson("provenance.json", Provenance.now(commandLineText(), seed, refs));
            plots(r, dir);
            networks(run, dir);
            dir.commit();
            pw.println();
            pw.print(summary(r));
            pw.printf(Locale.ROOT, "Result in %s%n", out.toAbsolutePath());
        }
        return ExitCodes.OK;
    }

    /** The (q, p) layout from {@code Q,..:P,..} over {@code variables}, or empty for {@code null}. */
    static Optional<CanonicalLayout> layout(String text, List<String> variables) {
        if (text == null) {
            return Optional.empty();
        }
        String[] sides = text.split(":", -1);
        if (sides.length != 2) {
            throw new InvalidInputException("--canonical '" + text + "': give positions and momenta separated by a colon,"
                    + " e.g. x,y:px,py");
        }
        List<Integer> q = indices(sides[0], variables, text);
        List<Integer> p = indices(sides[1], variables, text);
        if (q.size() != p.size() || q.isEmpty()) {
            throw new InvalidInputException("--canonical '" + text + "': " + q.size() + " positions and " + p.size()
                    + " momenta; give one momentum per position");
        }
        if (new java.util.HashSet<>(q).size() + new java.util.HashSet<>(p).size() != 2 * q.size()
                || q.stream().anyMatch(p::contains)) {
            throw new InvalidInputException("--canonical '" + text + "': each variable may appear once");
        }
        return Optional.of(new CanonicalLayout(q, p));
    }

    private static List<Integer> indices(String names, List<String> variables, String text) {
        List<Integer> out = new ArrayList<>();
        for (String n : names.split(",")) {
            String name = n.strip();
            int i = variables.indexOf(name);
            if (i < 0) {
                throw new InvalidInputException("--canonical '" + text + "': '" + name + "' is not a variable of the "
                        + "data (" + String.join(", ", variables) + ")");
            }
            out.add(i);
        }
        return out;
    }

    private static void plots(CountResult r, ResultDirectory dir) {
        if (r.svd() != null) {
            double[] s = r.svd().spectrum();
            int[] x = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                x[i] = i + 1;
            }
            Plots.series(dir.file("spectrum.png"), r.system() + ": mean singular values of the unit gradients",
                    "index", x, "mean singular value", Map.of("spectrum", s, "tolerance", filled(s.length,
                            r.svd().tolerance())), true, false);
        }
        if (!r.deflation().isEmpty()) {
            Map<String, double[]> series = new LinkedHashMap<>();
            int stages = r.deflation().stream().mapToInt(d -> d.stageLoss().length).max().orElse(0);
            for (CountResult.Deflation d : r.deflation()) {
                double[] padded = filled(stages, Double.NaN);
                System.arraycopy(d.stageLoss(), 0, padded, 0, d.stageLoss().length);
                series.put(d.bracket() ? "with the bracket" : "without the bracket", padded);
            }
            series.put("tolerance", filled(stages, r.deflation().get(0).tolerance()));
            int[] x = new int[stages];
            for (int i = 0; i < stages; i++) {
                x[i] = i + 1;
            }
            Plots.series(dir.file("deflation.png"), r.system() + ": final loss of the k-th network", "k", x,
                    "final loss", series, true, false);
        }
    }

    /** Every trained network under {@code networks/NAME/} (DL4J model and standardisation), and their curves. */
    private static void networks(CountRun run, ResultDirectory dir) {
        if (run.networks().isEmpty()) {
            return;
        }
        Map<String, double[]> curves = new LinkedHashMap<>();
        for (CountRun.Network n : run.networks()) {
            n.stage().encoder().save(dir.file("networks/" + n.name()));
            curves.put(n.name(), n.stage().validationLoss());
        }
        int epochs = run.networks().get(0).stage().validationLoss().length;
        int[] x = new int[epochs];
        for (int i = 0; i < epochs; i++) {
            x[i] = i + 1;
        }
        Plots.trainingCurves(dir.file("training.png"), run.result().system() + ": validation loss of every network", x,
                curves, Map.of(), false);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
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
            b.append(String.format(Locale.ROOT, "  svd            %d independent; mean singular values %s (count above "
                            + "%.2g); span alignment %.4f; %.1f s, %.0f states/s%n", s.count(), numbers(s.spectrum()),
                    s.tolerance(), s.spanAlignment(), s.seconds(), s.statesPerSecond()));
            b.append(String.format(Locale.ROOT, "                 spread along trajectories per output %s (an output is "
                    + "conserved below %.2g; with none, the count is 0)%n", numbers(s.conservation()),
                    Counter.CONSERVATION_TOLERANCE));
            for (CountResult.Formula f : s.formulas()) {
                b.append(formula(f));
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
        }
        String by = r.deflation().stream().anyMatch(d -> !d.bracket()) ? " (deflation without the bracket)"
                : r.svd() != null ? " (svd)" : "";
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
        return String.format(Locale.ROOT, "                   %s  (%s; explains the network to %.4f; spread along "
                        + "trajectories %.3g)%n", f.expression(), f.exact() ? "exact: " + String.join(", ", f.matches())
                        : "not exact", f.networkAlignment(), f.spread());
    }

    private static String numbers(double[] v) {
        return Counter.format(v);
    }
}
