package org.invariantlab.cli;

import org.invariantlab.core.score.GroupCorrelation;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.job.ResultDirectory;
import org.invariantlab.core.job.DataFile;
import org.invariantlab.core.run.RunMetrics;
import org.invariantlab.core.run.RunOutcome;
import org.invariantlab.core.run.RunSpec;
import org.invariantlab.core.run.RunStatus;
import org.invariantlab.core.run.Runner;
import org.invariantlab.core.run.SpecFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code invariantlab run}: learn an invariant, read it as a formula, score it, write the result. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Learn an invariant of a system or a data file with a network (siamese pairs by default; Ha–Jeong with --sampler ha-jeong --head noise-variance), read it back as a formula and score it.",
            "Settings come from SPEC.yaml (same keys as DIR/spec.yaml of any result) and/or flags; flags win."})
final class RunCommand extends LabCommand {

    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "SPEC.yaml", description = "Run spec file.")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Result directory (must be new or empty; --force replaces an earlier run result only).")
    Path out;

    @Option(names = "--force", description = "Replace an earlier run result in DIR (only once the new one is complete; other folders are never replaced).")
    boolean force;

    @Option(names = "--system", paramLabel = "ID", description = "Physical system (see 'invariantlab systems').")
    String system;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "System parameter, repeatable.")
    Map<String, String> systemParams = new LinkedHashMap<>();

    @Mixin
    DataFileOptions data = new DataFileOptions();

    @Mixin
    FeatureOptions features = new FeatureOptions();

    @Option(names = "--noise", paramLabel = "SIGMA",
            description = "Measurement noise: Gaussian, standard deviation SIGMA times each variable's spread (default 0).")
    Double noise;

    @Option(names = "--test-from", paramLabel = "WHERE",
            description = "Test states from fresh-groups (default: groups no network saw) or training-groups (Ha and "
                    + "Jeong's protocol: more states of each training group; scores on fresh groups are kept too).")
    String testFrom;

    @Option(names = "--sampler", paramLabel = "ID", description = "Pair sampler (default permutation).")
    String sampler;

    @Option(names = "--sampler-param", paramLabel = "KEY=VALUE", description = "Sampler parameter, repeatable.")
    Map<String, String> samplerParams = new LinkedHashMap<>();

    @Option(names = "--head", paramLabel = "ID", description = "Network head (default distance-logistic).")
    String head;

    @Option(names = "--head-param", paramLabel = "KEY=VALUE", description = "Head parameter, repeatable.")
    Map<String, String> headParams = new LinkedHashMap<>();

    @Option(names = "--interpreter", paramLabel = "ID", description = "Symbolic interpreter (default polynomial).")
    String interpreter;

    @Option(names = "--interpreter-param", paramLabel = "KEY=VALUE", description = "Interpreter parameter, repeatable.")
    Map<String, String> interpreterParams = new LinkedHashMap<>();

    @Option(names = "--train-groups", paramLabel = "N", description = "Training groups (default 100000 = 200k pairs).")
    Integer trainGroups;

    @Option(names = "--validation-groups", paramLabel = "N", description = "Validation groups (default 5000).")
    Integer validationGroups;

    @Option(names = "--test-groups", paramLabel = "N", description = "Test groups (default 10000).")
    Integer testGroups;

    @Option(names = "--per-group", paramLabel = "M", description = "States per group (default 2).")
    Integer perGroup;

    @Option(names = "--hidden", split = ",", paramLabel = "W", description = "Hidden widths, e.g. 64,64,64 (default).")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", description = "swish (default), tanh, relu, softplus, sigmoid, gelu, mish (Ha and Jeong's).")
    String activation;

    @Option(names = "--latent-size", paramLabel = "K",
            description = "Number of learned invariants (default 0: one per independent invariant that varies on the system's data).")
    Integer latentSize;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default 80).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Pairs per step (default 256).")
    Integer batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam learning rate (default 3e-3).")
    Double learningRate;

    @Option(names = "--schedule", paramLabel = "NAME", description = "cosine (default), constant, step.")
    String schedule;

    @Option(names = "--patience", paramLabel = "N", description = "Early stopping after N epochs without improvement (0 = off).")
    Integer patience;

    @Option(names = "--track-every", paramLabel = "N", description = "Follow the test states' |r| with the true "
            + "invariants every N epochs (and at the last) into correlation_history.csv; 0 = off (default).")
    Integer trackEvery;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default 1).")
    Long seed;

    @Override
    int run(InvariantLab lab, PrintWriter out) {
        Runner runner = job(lab, Runner.class);
        RunSpec spec;
        try {
            spec = buildSpec();
            runner.check(spec);
            checkOutput(this.out, ResultDirectory.Kind.RUN, force, specFile,
                    spec.file() == null ? null : Path.of(spec.file().path()));
        } catch (InvariantLabException e) {
            return refuse(e);
        }
        RunOutcome o = runner.run(spec, this.out, force, commandLineText(), ProgressPrinter.forConsole(out));
        out.println();
        out.printf(Locale.ROOT, "Result in %s%n", o.directory());
        RunMetrics m = o.metrics();
        if (m.trainAccuracy() != null && m.testAccuracy() != null) {
            out.printf(Locale.ROOT, "  accuracy      train %.2f %%, test %.2f %%%n", 100 * m.trainAccuracy(),
                    100 * m.testAccuracy());
        }
        if (o.status() == RunStatus.FAILED_TO_LEARN) {
            out.printf(Locale.ROOT, "  status        %s: %s%n", o.status(), o.statusMessage());
            out.printf(Locale.ROOT, "  (the model and its scores are kept in %s as evidence)%n", o.directory());
            return ExitCodes.FAILED_TO_LEARN;
        }
        out.printf(Locale.ROOT, "  alignment     %.5f with %s%n", m.gradientAlignment(), m.matchedInvariants());
        printCorrelations(out, "correlation", m.correlation(), m.matchedInvariants(), "test");
        printCorrelations(out, "fresh groups", m.freshCorrelation(), m.matchedInvariants(), "fresh");
        if (m.formulaError() != null) {
            out.printf(Locale.ROOT, "  formula       none: %s%n", m.formulaError());
        } else {
            for (int j = 0; j < m.formulas().size(); j++) {
                out.printf(Locale.ROOT, "  formula       %s%n", m.formulas().get(j));
                out.printf(Locale.ROOT, "                %s%n", m.formulaVerdicts().get(j).describe());
            }
            out.printf(Locale.ROOT, "                read by %s; explains the network to %.5f%n",
                    String.join(" / ", m.formulaReading()), m.formulaNetworkAlignment());
            if (m.formulaSet() != null) {
                out.printf(Locale.ROOT, "  together      %s%n", m.formulaSet().describe());
            }
            for (String flag : m.formulaFlags()) {
                out.printf(Locale.ROOT, "  warning       %s%n", flag);
            }
        }
        out.printf(Locale.ROOT, "  training      %.1f s with validation, %.0f examples/s (%d examples × %d epochs), best"
                + " epoch %d%n", m.trainSeconds(), m.examplesPerSecond(), m.trainExamples(), m.epochsRun(), m.bestEpoch());
        if (o.status() == RunStatus.DIVERGED || o.status() == RunStatus.SHORTCUT) {
            out.printf(Locale.ROOT, "  status        %s: %s%n", o.status(), o.statusMessage());
            return ExitCodes.FAILED_TO_LEARN;
        }
        return ExitCodes.OK;
    }

    /**
     * One line per matched invariant (the best-correlated one when none is matched): |r| and Spearman |ρ| with their
     * 95 % intervals over groups, the within-group spread and Ha and Jeong's MV.
     */
    static void printCorrelations(PrintWriter out, String label, Map<String, GroupCorrelation> correlations,
                                  List<String> matched, String groupsWord) {
        List<Map.Entry<String, GroupCorrelation>> shown = correlations.entrySet().stream()
                .filter(e -> matched.contains(e.getKey())).toList();
        if (shown.isEmpty()) {
            shown = correlations.entrySet().stream().filter(e -> Double.isFinite(e.getValue().pearson()))
                    .max(java.util.Comparator.comparingDouble(e -> e.getValue().pearson())).stream().toList();
        }
        for (Map.Entry<String, GroupCorrelation> e : shown) {
            GroupCorrelation c = e.getValue();
            out.printf(Locale.ROOT, "  %-13s %s: |r| %.4f (95 %% %.4f–%.4f), Spearman %.4f (%.4f–%.4f), within-group "
                    + "spread %.3g, MV %.3g; %d %s groups%n", label, e.getKey(), c.pearson(), c.pearsonLow(),
                    c.pearsonHigh(), c.spearman(), c.spearmanLow(), c.spearmanHigh(), c.spread(), c.mv(), c.groups(),
                    groupsWord);
        }
    }

    private RunSpec buildSpec() {
        RunSpec base;
        DataFile file = data.file();
        if (system != null && file != null) {
            throw new InvalidInputException("give --system ID or --data FILE, not both");
        }
        if (file != null && !systemParams.isEmpty()) {
            throw new InvalidInputException("--param sets a system's parameters; a data file has none (remove --param)");
        }
        if (file != null && (trainGroups != null || validationGroups != null || testGroups != null || perGroup != null)) {
            throw new InvalidInputException("--train-groups, --validation-groups, --test-groups and --per-group size a "
                    + "simulated system's data; a data file is split by --split (default 0.8,0.1,0.1)");
        }
        if (specFile != null) {
            base = SpecFiles.read(specFile);
            if (file != null) {
                base = new RunSpec(null, null, base.sampler(), base.samplerParams(), base.head(), base.headParams(),
                        base.interpreter(), base.interpreterParams(), base.data(), base.training(), base.seed(), file,
                        base.features());
            }
        } else if (system != null) {
            base = RunSpec.of(system);
        } else if (file != null) {
            base = new RunSpec(null, null, null, null, null, null, null, null, null, null, 1, file);
        } else {
            throw new InvalidInputException("say what to run: give a SPEC.yaml, --system ID or --data FILE (see "
                    + "'invariantlab run --help')");
        }
        RunSpec.Data d = base.data();
        RunSpec.Training t = base.training();
        return new RunSpec(
                system != null ? system : base.system(), base.fromFile() ? null : merge(base.systemParams(), systemParams),
                sampler != null ? sampler : base.sampler(), merge(base.samplerParams(), samplerParams),
                head != null ? head : base.head(), merge(base.headParams(), headParams),
                interpreter != null ? interpreter : base.interpreter(), merge(base.interpreterParams(), interpreterParams),
                new RunSpec.Data(or(trainGroups, d.trainGroups()), or(validationGroups, d.validationGroups()),
                        or(testGroups, d.testGroups()), or(perGroup, d.perGroup()), noise != null ? noise : d.noise(),
                        testFrom != null ? RunSpec.TestFrom.of(testFrom) : d.testFrom()),
                new RunSpec.Training(hidden != null ? hidden : t.hidden(), activation != null ? activation : t.activation(),
                        or(latentSize, t.latentSize()), or(epochs, t.epochs()), or(batchSize, t.batchSize()),
                        learningRate != null ? learningRate : t.learningRate(), schedule != null ? schedule : t.schedule(),
                        or(patience, t.patience()), or(trackEvery, t.trackEvery())),
                seed != null ? seed : base.seed(), base.file(), merge(base.features(), features.features));
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> flags) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.putAll(flags);
        return m;
    }

    private static int or(Integer flag, int base) {
        return flag != null ? flag : base;
    }
}
