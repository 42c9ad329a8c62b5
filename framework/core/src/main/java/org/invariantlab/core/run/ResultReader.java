package org.invariantlab.core.run;

import org.invariantlab.core.job.FormulaReport;
import org.invariantlab.core.job.Heartbeat;
import org.invariantlab.core.job.JobListener;

import org.invariantlab.core.job.ResultDirectory;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.nio.file.LinkOption;
import org.invariantlab.core.io.Json;
import org.invariantlab.core.io.OutputPaths;
import org.invariantlab.core.provenance.ExtensionRef;
import java.util.stream.Stream;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.provenance.Provenance;
import org.invariantlab.core.symbolic.UserFeatures;
import org.invariantlab.core.score.Scorer;
import org.invariantlab.core.score.Scores;
import org.invariantlab.core.score.ScoringOptions;
import org.invariantlab.core.train.Encoder;

/**
 * Re-reads the model of a finished run with other interpreter settings, without retraining: the run's spec
 * (with the new interpreter), its saved network and standardisation, and the same test and fresh groups (the
 * spec's seed draws them again, {@link RunSeeds}). The new reading can be written as a new result folder: a
 * copy of the old one with {@code spec.yaml}, {@code metrics.json}, {@code formula.json}, {@code provenance.json}
 * and the reading plots replaced.
 */
public final class ResultReader {

    /** Files of a result that a new reading replaces (the reading plots are matched by prefix). */
    private static final Set<String> REPLACED = Set.of("spec.yaml", "metrics.json", "formula.json", "provenance.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Runner runner;

    /** Built by {@link InvariantLab#services()}. */
    @jakarta.inject.Inject
    public ResultReader(Runner runner) {
        this.runner = java.util.Objects.requireNonNull(runner, "runner");
    }

    /**
     * A reading of a result.
     *
     * @param spec     the result's spec with the interpreter used now, fully resolved
     * @param formulas the formulas and their checks
     * @param scores   the network's scores on the test groups (as in the result)
     * @param verdict  the run's status judged again with the new formulas ({@link LearningVerdict#afterReading}): a
     *                 run stored as a shortcut whose new formulas are conserved is completed, and the reverse
     * @param stored   the status stored with the run
     * @param written  the new result folder, or {@code null} when nothing was written
     */
    public record Reading(RunSpec spec, FormulaReport formulas, Scores scores, LearningVerdict verdict,
                          RunStatus stored, Path written) {

        /** True when the new reading changed the run's status. */
        public boolean statusChanged() {
            return verdict.status() != stored;
        }
    }

    /**
     * Reads the model in {@code result} with {@code interpreter} (or the result's own when {@code null}) and
     * {@code parameters} (on top of the result's when the interpreter is the same), and writes a new result
     * folder to {@code out} unless it is {@code null}.
     */
    public Reading read(Path result, String interpreter, Map<String, String> parameters, Path out, boolean overwrite,
                        String command, JobListener listener) {
        if (!Files.isDirectory(result)) {
            throw new InvalidInputException(result + " is not a folder; give the folder of a finished run");
        }
        Path input = OutputPaths.realOrAbsolute(result);
        Path specFile = input.resolve("spec.yaml");
        Path modelDir = input.resolve("model");
        if (!Files.isRegularFile(specFile) || !Files.isRegularFile(modelDir.resolve(Encoder.MODEL_FILE))) {
            throw new InvalidInputException(result + " is not the result of a run (it needs spec.yaml and model/"
                    + Encoder.MODEL_FILE + "); give the folder that 'invariantlab run --out' wrote");
        }
        if (out != null) {
            Path target = ResultDirectory.checkWritable(out, ResultDirectory.Kind.RUN, overwrite);
            OutputPaths.refuseOverlap(target, List.of(input), "the run being read");
        }
        RunMetrics stored = readMetrics(input.resolve("metrics.json"));
        if (stored.status() == RunStatus.FAILED_TO_LEARN) {
            throw new InvalidInputException(result + " is a run whose network learned nothing (" + stored.statusMessage()
                    + "); there is no invariant to read: run it again with other settings");
        }
        RunSpec old = SpecFiles.read(specFile);
        boolean same = interpreter == null || interpreter.equals(old.interpreter());
        Map<String, String> params = new LinkedHashMap<>(same ? old.interpreterParams() : Map.of());
        params.putAll(parameters);
        RunSpec wanted = old.with(SlotKind.INTERPRETER, new Slot(same ? old.interpreter() : interpreter, params));
        Runner.Resolved r = runner.resolveExtensions(wanted);
        RunSpec spec = runner.resolve(wanted);
        checkDataUnchanged(input, r);

        listener.stage("loading the model of " + result);
        Encoder encoder = Encoder.load(modelDir);
        if (encoder.inputSize() != r.model().stateSpace().dimension() || encoder.latentSize() != spec.training().latentSize()) {
            throw new InvalidInputException("the model in " + modelDir + " does not fit the run's spec: it maps "
                    + encoder.inputSize() + " inputs to " + encoder.latentSize() + " outputs, the spec has "
                    + r.model().stateSpace().dimension() + " variables and latentSize " + spec.training().latentSize()
                    + "; the folder was changed after the run, so run it again");
        }
        RunSeeds seeds = RunSeeds.of(spec.seed());
        listener.stage("sampling the run's test groups and fresh groups again (seed " + spec.seed() + ")");
        Runner.Splits splits = Runner.splits(spec, r, seeds);
        GroupedData test = splits.test();
        GroupedData fresh = Runner.fresh(spec, r, seeds, splits);
        List<ScalarField> latents = new ArrayList<>();
        for (int k = 0; k < encoder.latentSize(); k++) {
            latents.add(encoder.field(k));
        }
        Scores scores = Scorer.score(latents, r.model(), test, ScoringOptions.defaults());
        listener.stage("reading the latent as a formula (" + spec.interpreter() + ")");
        FormulaReport formulas;
        try (Heartbeat h = Heartbeat.during(listener, "reading the latent as a formula")) {
            formulas = FormulaReport.read(r.interpreter().extension(), r.interpreterParams(), latents,
                    UserFeatures.model(r.model(), spec.features()), test, fresh, scores,
                    runner.search(r.interpreter().id()));
        }
        LearningVerdict verdict = judgeAgain(stored, formulas, latents, fresh);
        if (out == null) {
            return new Reading(spec, formulas, scores, verdict, stored.status(), null);
        }
        RunMetrics metrics = stored.withFormulas(formulas.metrics()).withStatus(verdict);
        try (ResultDirectory dir = ResultDirectory.open(out, ResultDirectory.Kind.RUN, overwrite)) {
            copyUnchanged(input, dir);
            dir.writeString("spec.yaml", SpecFiles.toYaml(spec));
            dir.writeJson("metrics.json", metrics);
            dir.writeJson("formula.json", formulas.formulaJson());
            dir.writeJson("provenance.json", Provenance.now(command, spec.seed(), r.refs()));
            if (formulas.readings().size() > 1) {
                Runner.writeReadingPlots(dir, spec, formulas.readings(), r.model(), test, scores);
            }
            dir.commit();
            return new Reading(spec, formulas, scores, verdict, stored.status(), dir.target());
        }
    }

    /**
     * The run's status with the new formulas: the shortcut rule ({@link LearningVerdict#afterReading}) applied again
     * to a run that completed or was stored as a shortcut (the network is the same; only the formulas are new, and a
     * shortcut is a property of the network <i>and</i> its formulas); any other status (diverged) is kept.
     */
    static LearningVerdict judgeAgain(RunMetrics stored, FormulaReport formulas, List<ScalarField> latents,
                                      GroupedData fresh) {
        if (stored.status() != RunStatus.COMPLETED && stored.status() != RunStatus.SHORTCUT) {
            return new LearningVerdict(stored.status(), stored.statusMessage());
        }
        double accuracy = stored.testAccuracy() == null ? Double.NaN : stored.testAccuracy();
        return new LearningVerdict(RunStatus.COMPLETED, null).afterReading(formulas.metrics().verdicts(), accuracy,
                formulas.metrics().networkAlignment(), () -> FormulaReport.conservedNetworks(latents, fresh));
    }

    /**
     * Refuses to read a run of a data file whose bytes changed since the run (its SHA-256 is in the run's
     * {@code provenance.json}): the test groups would no longer be the run's.
     */
    private static void checkDataUnchanged(Path result, Runner.Resolved r) {
        Optional<String> before = Provenance.read(result.resolve("provenance.json")).flatMap(Provenance::dataFileDigest);
        Optional<String> now = r.refs().stream().filter(x -> x.spi().equals(Provenance.DATA_FILE))
                .map(ExtensionRef::originVersion).findFirst();
        if (before.isPresent() && now.isPresent() && !before.get().equals(now.get())) {
            throw new InvalidInputException("the data file " + r.refs().get(0).origin() + " changed since the run (its "
                    + "SHA-256 began " + shortDigest(before.get()) + " then, " + shortDigest(now.get()) + " now); a reading "
                    + "would score the model on other data: restore the file or run again");
        }
    }

    private static String shortDigest(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    /** The metrics of a finished run, typed. */
    public static RunMetrics readMetrics(Path file) {
        try {
            return JSON.readValue(file.toFile(), RunMetrics.class);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": it is not the metrics file of a run ("
                    + Json.problem(e) + ")");
        }
    }

    /** Copies the result's own files (all files, for a result that does not list them) but those a reading replaces. */
    private static void copyUnchanged(Path result, ResultDirectory dir) {
        Optional<Set<String>> own = ResultDirectory.ownFiles(result);
        try (Stream<Path> files = Files.walk(result)) {
            for (Path p : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                String name = result.relativize(p).toString().replace('\\', '/');
                if (REPLACED.contains(name) || name.equals(ResultDirectory.MARKER) || name.startsWith("reading")
                        || own.map(o -> !o.contains(name)).orElse(false)) {
                    continue;
                }
                Files.copy(p, dir.file(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + result, e);
        }
    }
}
