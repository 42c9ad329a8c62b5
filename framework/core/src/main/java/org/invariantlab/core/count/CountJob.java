package org.invariantlab.core.count;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.count.CountingMethod;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.training.GradientLoss;
import org.invariantlab.api.training.StagePlan;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.data.FileDataModel;
import org.invariantlab.core.data.TrajectoryTangents;
import org.invariantlab.core.job.CanonicalText;
import org.invariantlab.core.provenance.ExtensionRef;
import org.invariantlab.core.provenance.Provenance;
import org.invariantlab.core.registry.ExtensionRecord;
import org.invariantlab.core.report.Plots;
import org.invariantlab.core.symbolic.UserFeatures;
import org.invariantlab.core.job.DataFile;
import org.invariantlab.core.job.FormulaReport;
import org.invariantlab.core.job.ResultDirectory;
import org.invariantlab.core.job.JobListener;

/**
 * One count from its {@link CountSpec} to a complete result folder: resolves the system or reads the file, trains
 * and decides ({@link Counter}), and writes {@code count.json}, {@code provenance.json}, the plots
 * ({@code spectrum.png}, {@code deflation.png}, {@code training.png}) and every network under {@code networks/}.
 * The folder appears only when complete ({@link ResultDirectory}).
 */
public final class CountJob {

    private final InvariantLab lab;

    /** Built by the lab's injector ({@link InvariantLab#services()}) for the command line and comparison cells. */
    @jakarta.inject.Inject
    public CountJob(InvariantLab lab) {
        this.lab = lab;
    }

    /**
     * Checks what can be checked without training: the system id and parameters, its vector field and the
     * check horizon, the file's name and its conjugate variables, and the plugins the method needs.
     *
     * @throws InvalidInputException naming what is wrong
     */
    public void check(CountSpec spec) {
        checkMethod(spec);
        checkData(spec);
        checkPlugins(spec);
    }

    /**
     * The extensions the count names — the losses of svd and deflation, the interpreter — are looked up in the
     * registry, so a plugin's loss or reader is used like a built-in one; each loss must train the way its method
     * does ({@link GradientLoss#stagePlan}: svd's outputs jointly, deflation's one after another).
     */
    private void checkPlugins(CountSpec spec) {
        CountSettings s = spec.settings();
        loss(s.svdLoss(), StagePlan.JOINT, "svd", "--svd-loss"); // checked even when svd does not run: a typo is a typo
        if (s.deflation() && lab.registry().find(GradientLoss.class, s.deflationLoss()).isEmpty()) {
            throw new InvalidInputException("method " + s.method() + " needs the gradient loss '" + s.deflationLoss()
                    + "'" + (s.deflationLoss().equals(CountSettings.DEFLATION_LOSS) ? ", the neural-deflation plugin's,"
                    + " which is not in " + lab.pluginsDirectory() + "; add its jar or use method svd"
                    : ", which is not installed; " + installed(GradientLoss.class)));
        }
        if (s.deflation()) {
            loss(s.deflationLoss(), StagePlan.SEQUENTIAL, "deflation", "--deflation-loss");
        }
        if (lab.registry().find(SymbolicInterpreter.class, s.interpreter()).isEmpty()) {
            throw new InvalidInputException("unknown interpreter '" + s.interpreter() + "' (--interpreter); "
                    + installed(SymbolicInterpreter.class));
        }
    }

    private ExtensionRecord<GradientLoss> loss(String id, StagePlan plan, String method, String option) {
        ExtensionRecord<GradientLoss> r = lab.registry().find(GradientLoss.class, id).map(e -> lab.registry()
                .record(GradientLoss.class, id)).orElseThrow(() -> new InvalidInputException("unknown gradient loss '"
                + id + "' (" + option + "); " + installed(GradientLoss.class)));
        Parameters defaults = Parameters.resolve(r.id(), r.extension().parameters(), Map.of());
        if (r.extension().stagePlan(defaults) != plan) {
            throw new InvalidInputException("the gradient loss '" + id + "' trains its outputs "
                    + (plan == StagePlan.JOINT ? "one after another" : "jointly") + ", but " + method + " trains them "
                    + (plan == StagePlan.JOINT ? "jointly" : "one after another") + "; choose a loss for " + option
                    + " whose stage plan is " + plan);
        }
        return r;
    }

    private String installed(Class<? extends org.invariantlab.api.LabExtension> point) {
        return "installed: " + String.join(", ", lab.registry().all(point).stream().map(ExtensionRecord::id).toList());
    }

    /** A method that is neither the host's nor an installed plugin's is refused before anything is read. */
    private void checkMethod(CountSpec spec) {
        if (spec.settings().method().equals(OrbitDimension.ID)) {
            if (spec.file() == null) {
                throw new InvalidInputException("method " + OrbitDimension.ID + " counts unordered snapshots of "
                        + "trajectories from a data file without time stamps (--data FILE); a system has directions: "
                        + "use svd, deflation or all");
            }
            return;
        }
        if (spec.settings().plugin() && lab.registry().find(CountingMethod.class, spec.settings().method()).isEmpty()) {
            List<String> known = new ArrayList<>(CountSettings.METHODS);
            known.add(OrbitDimension.ID);
            lab.registry().all(CountingMethod.class).forEach(r -> known.add(r.id()));
            throw new InvalidInputException("unknown counting method '" + spec.settings().method() + "'; known here: "
                    + String.join(", ", known) + " (a plugin's method needs its jar in " + lab.pluginsDirectory() + ")");
        }
    }

    /**
     * A file without time stamps has no directions of motion: svd, deflation and plugin methods that need directions
     * cannot count it, and a variable named like a time is most likely one.
     */
    private void checkSnapshots(CountSpec spec, FileDataModel model) {
        String m = spec.settings().method();
        boolean needs = m.equals("svd") || m.equals("deflation") || (spec.settings().plugin()
                && !m.equals(OrbitDimension.ID) && lab.registry().record(CountingMethod.class, m).extension()
                .needsDirections());
        if (needs) {
            throw new InvalidInputException(model.name() + " has no time stamps, so no directions of motion, which "
                    + "method " + m + " needs; give the time of each state (--time-column, or a 't' array in an .npz), "
                    + "or count the unordered snapshots with --method all (the library nullspace and the orbit "
                    + "dimension)");
        }
        for (String v : model.stateSpace().variables()) {
            if (v.equalsIgnoreCase("t") || v.equalsIgnoreCase("time")) {
                throw new InvalidInputException(model.name() + ": column '" + v + "' would be a state variable; if it "
                        + "is the time of each state, say so with --time-column " + v + " (or --ignore " + v
                        + " to count the states as unordered snapshots)");
            }
        }
    }

    /** The plugin counting methods a count runs: the one named, or every installed one for {@code all}. */
    private List<ExtensionRecord<CountingMethod>> countingMethods(CountSettings settings) {
        if (settings.method().equals(OrbitDimension.ID)) {
            return List.of();
        }
        if (settings.plugin()) {
            return List.of(lab.registry().record(CountingMethod.class, settings.method()));
        }
        return settings.method().equals("all") ? lab.registry().all(CountingMethod.class) : List.of();
    }

    private void checkData(CountSpec spec) {
        if (spec.file() != null) {
            if (!java.nio.file.Files.isRegularFile(Path.of(spec.file().path()))) {
                throw new InvalidInputException("data file '" + spec.file().path() + "' does not exist or is not a file");
            }
            return;
        }
        PhysicalSystem system = lab.registry().get(PhysicalSystem.class, spec.system());
        Parameters resolved = Parameters.resolve(system.id(), system.parameters(), spec.parameters());
        if (spec.checkHorizon() != 1 && !hasTimeSpan(system)) {
            throw new InvalidInputException("--check-horizon needs a factor above 1 and a system with a tMax parameter "
                    + "(a trajectory system); '" + spec.system() + "' has none");
        }
        SystemModel model = system.configure(resolved);
        if (model.vectorField().isEmpty()) {
            throw new InvalidInputException("system '" + spec.system() + "' has no vector field h(x); count works on "
                    + "dynamical systems (e.g. oscillator-2d, kepler), or on measured trajectories with time stamps");
        }
    }

    /** The measured trajectories' warning threshold was crossed: the median turn between steps, in degrees. */
    public interface Warnings {
        void poorlyResolved(double medianTurnDegrees);
    }

    /**
     * Counts and writes the result folder {@code out}.
     *
     * @param overwrite replace an earlier count in {@code out} once the new one is complete
     * @param command   the command line, for the provenance record
     */
    public CountRun run(CountSpec spec, Path out, boolean overwrite, String command, JobListener listener,
                        Warnings warnings) {
        checkMethod(spec);
        checkData(spec);
        CountSettings settings = spec.settings();
        List<ExtensionRef> refs = new ArrayList<>();
        CountData countData = data(spec, refs); // a file's own problems first: they are the user's to fix
        checkPlugins(spec);
        Optional<ExtensionRecord<GradientLoss>> deflation = settings.deflation()
                ? Optional.of(loss(settings.deflationLoss(), StagePlan.SEQUENTIAL, "deflation", "--deflation-loss"))
                : Optional.empty();
        ExtensionRecord<GradientLoss> orthogonality = loss(settings.svdLoss(), StagePlan.JOINT, "svd", "--svd-loss");
        ExtensionRecord<SymbolicInterpreter> interpreter = lab.registry().record(SymbolicInterpreter.class,
                settings.interpreter());
        Parameters interpreterParameters = Parameters.resolve(interpreter.id(), interpreter.extension().parameters(),
                Map.of());
        try (ResultDirectory dir = ResultDirectory.open(out, ResultDirectory.Kind.COUNT, overwrite)) {
            if (countData.source().medianTurnDegrees() > TrajectoryTangents.TURN_WARNING_DEGREES) {
                warnings.poorlyResolved(countData.source().medianTurnDegrees());
            }
            List<ExtensionRecord<CountingMethod>> methods = countingMethods(settings);
            CountRun run = Counter.count(countData, settings, orthogonality.extension(),
                    deflation.map(ExtensionRecord::extension), methods.stream().map(ExtensionRecord::extension).toList(),
                    interpreter.extension(), interpreterParameters,
                    FormulaReport.searchIn(lab.registry(), interpreter.id()), listener);
            for (ExtensionRecord<CountingMethod> m : methods) {
                refs.add(new ExtensionRef("CountingMethod", m.id(), m.origin(), m.originVersion(),
                        Parameters.resolve(m.id(), m.extension().parameters(), Map.of()).asText()));
            }
            if (settings.svd()) {
                refs.add(new ExtensionRef("GradientLoss", orthogonality.id(), orthogonality.origin(),
                        orthogonality.originVersion(), Counter.lossParameters(orthogonality.extension(),
                        Map.of("nu", String.valueOf(settings.nu()))).asText()));
            }
            deflation.ifPresent(d -> refs.add(new ExtensionRef("GradientLoss", d.id(), d.origin(), d.originVersion(),
                    Counter.lossParameters(d.extension(), Map.of("alpha", settings.alpha())).asText())));
            refs.add(new ExtensionRef("SymbolicInterpreter", interpreter.id(), interpreter.origin(),
                    interpreter.originVersion(), interpreterParameters.asText()));
            dir.writeJson("count.json", run.result());
            dir.writeJson("provenance.json", Provenance.now(command, settings.seed(), refs));
            plots(run.result(), dir);
            networks(run, dir);
            dir.commit();
            return run;
        }
    }

    private CountData data(CountSpec spec, List<ExtensionRef> refs) {
        CountData d = unfeatured(spec, refs);
        return d.withModel(UserFeatures.model(d.model(), spec.features()));
    }

    private CountData unfeatured(CountSpec spec, List<ExtensionRef> refs) {
        CountSettings s = spec.settings();
        if (spec.file() != null) {
            DataFile file = spec.file();
            FileDataModel model = FileDataModel.read(Path.of(file.path()), file.variables(), file.groupColumn(),
                    file.timeColumn(), file.ignore(), file.statesArray(), file.timesArray(), file.truth());
            java.util.Optional<org.invariantlab.api.system.CanonicalLayout> layout = CanonicalText.layout(spec.canonical(),
                    model.stateSpace().variables());
            CountData d;
            if (model.groups().hasTimes()) {
                d = CountData.fromFile(model, file, layout, s.seed(), spec.checkHorizon());
            } else {
                checkSnapshots(spec, model);
                d = CountData.fromSnapshots(model, file, layout, s.seed());
            }
            model.checkColumns();
            refs.add(new ExtensionRef(Provenance.DATA_FILE, model.name(), model.path().toString(), "sha256:" + model.sha256(),
                    model.truthExpressions()));
            return d;
        }
        ExtensionRecord<PhysicalSystem> rec = lab.registry().record(PhysicalSystem.class, spec.system());
        PhysicalSystem system = rec.extension();
        Parameters resolved = Parameters.resolve(system.id(), system.parameters(), spec.parameters());
        SystemModel model = system.configure(resolved);
        SystemModel checkModel = spec.checkHorizon() != 1 ? stretched(system, resolved, spec.checkHorizon()) : model;
        List<SystemModel> orbitModels = new ArrayList<>();
        if (s.method().equals("all") && hasTimeSpan(system)) {
            // long trajectories whose sets bound the count from above (OrbitDimension), a shorter span if need be
            for (double span : OrbitDimension.SPANS) {
                orbitModels.add(stretched(system, resolved, span));
            }
        }
        refs.add(new ExtensionRef("PhysicalSystem", rec.id(), rec.origin(), rec.originVersion(), resolved.asText()));
        return CountData.simulate(system.id(), resolved.asText(), model, checkModel, spec.checkHorizon(), orbitModels,
                s.trajectories(), s.statesPerTrajectory(), s.seed());
    }

    /** Whether the system has a time span {@value PhysicalSystem#TIME_SPAN} that a count can lengthen. */
    private static boolean hasTimeSpan(PhysicalSystem system) {
        return system.parameters().stream().anyMatch(p -> p.name().equals(PhysicalSystem.TIME_SPAN));
    }

    /** The system with its time span {@value PhysicalSystem#TIME_SPAN} multiplied by {@code factor}. */
    private static SystemModel stretched(PhysicalSystem system, Parameters resolved, double factor) {
        Map<String, String> longer = new LinkedHashMap<>(resolved.asText());
        longer.put(PhysicalSystem.TIME_SPAN, String.valueOf(resolved.getDouble(PhysicalSystem.TIME_SPAN) * factor));
        return system.configure(Parameters.resolve(system.id(), system.parameters(), longer));
    }

    private static void plots(CountResult r, ResultDirectory dir) {
        if (r.svd() != null) {
            double[] s = r.svd().spectrum();
            Plots.series(dir.file("spectrum.png"), r.system() + ": mean singular values of the unit gradients",
                    "index", oneTo(s.length), "mean singular value", Map.of("spectrum", s, "tolerance",
                            filled(s.length, r.svd().tolerance())), true, false);
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
            Plots.series(dir.file("deflation.png"), r.system() + ": final loss of the k-th network", "k",
                    oneTo(stages), "final loss", series, true, false);
        }
    }

    /** Every trained network under {@code networks/NAME/} (DL4J model and standardisation), and their curves. */
    private static void networks(CountRun run, ResultDirectory dir) {
        if (run.networks().isEmpty()) {
            return;
        }
        Map<String, double[]> curves = new LinkedHashMap<>();
        int epochs = run.networks().stream().mapToInt(n -> n.stage().validationLoss().length).max().orElse(0);
        for (CountRun.Network n : run.networks()) {
            n.stage().encoder().save(dir.file("networks/" + n.name()));
            // networks trained on by the plateau rule have longer curves: the others end where they stopped
            double[] curve = Arrays.copyOf(n.stage().validationLoss(), epochs);
            Arrays.fill(curve, n.stage().validationLoss().length, epochs, Double.NaN);
            curves.put(n.name(), curve);
        }
        Plots.trainingCurves(dir.file("training.png"), run.result().system() + ": validation loss of every network",
                oneTo(epochs), curves, Map.of(), false);
    }

    private static int[] oneTo(int n) {
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
