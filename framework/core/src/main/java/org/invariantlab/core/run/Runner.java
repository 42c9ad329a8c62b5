package org.invariantlab.core.run;

import org.invariantlab.core.score.GroupCorrelation;

import org.invariantlab.core.data.Rectangular;
import org.invariantlab.core.job.FormulaReport;
import org.invariantlab.core.job.FormulaSummary;
import org.invariantlab.core.job.Heartbeat;

import org.invariantlab.core.job.DataFile;

import org.invariantlab.core.job.JobListener;

import org.invariantlab.core.job.ResultDirectory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.invariantlab.api.ApiVersion;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.LabExtension;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.Interpretation;
import org.invariantlab.api.symbolic.InterpretationContext;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.api.training.NetworkHead;
import org.invariantlab.api.training.ExampleSampler;
import org.invariantlab.api.training.TrainingExamples;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.data.FileDataModel;
import org.invariantlab.core.data.GroupSplit;
import org.invariantlab.core.data.Noise;
import org.invariantlab.core.builtin.PermutationSampler;
import org.invariantlab.core.provenance.ExtensionRef;
import org.invariantlab.core.provenance.Provenance;
import org.invariantlab.core.symbolic.UserFeatures;
import org.invariantlab.core.registry.ExtensionRecord;
import org.invariantlab.core.report.Plots;
import org.invariantlab.core.score.Scorer;
import org.invariantlab.core.score.Scores;
import org.invariantlab.core.score.ScoringOptions;
import org.invariantlab.core.train.EncoderConfig;
import org.invariantlab.core.train.EpochStats;
import org.invariantlab.core.train.Evaluation;
import org.invariantlab.core.train.Trainer;
import org.invariantlab.core.train.TrainingConfig;
import org.invariantlab.core.train.TrainingResult;

/**
 * Executes one run: sample train, validation and test groups (independent draws, so the splits share no
 * group), make pairs, train the siamese encoder, score the best model against the system's true invariants,
 * read it back as a formula, and write everything into a result directory.
 *
 * <p>Seeds: {@link RunSeeds} draws them from the spec's master seed. The same spec gives the same numbers.
 */
public final class Runner {

    /** The test |r| of every followed epoch ({@link RunSpec.Training#trackEvery()}), in a run's folder. */
    public static final String CORRELATION_HISTORY = "correlation_history.csv";

    /** Accuracy threshold on p(same), methods.md §6. */
    public static final double DECISION_THRESHOLD = 0.5;

    /** Groups sampled to count the independent invariants for an automatic latent size. */
    static final int LATENT_SIZE_GROUPS = 200;

    /** At most this many fresh groups validate the formulas. */
    static final int MAX_FRESH_GROUPS = 2000;

    private final InvariantLab lab;
    private final Trainer trainer;

    /** Built by {@link InvariantLab#services()}: the lab's registry and the engine's trainer are injected. */
    @jakarta.inject.Inject
    public Runner(InvariantLab lab, Trainer trainer) {
        this.lab = java.util.Objects.requireNonNull(lab, "lab");
        this.trainer = java.util.Objects.requireNonNull(trainer, "trainer");
    }

    /**
     * One resolved slot: the extension found in the registry and its parameters checked against its declaration.
     */
    record Choice(SlotKind kind, ExtensionRecord<?> record, Parameters parameters) {
        ExtensionRef ref() {
            return new ExtensionRef(kind.spi().getSimpleName(), record.id(), record.origin(), record.originVersion(),
                    parameters.asText());
        }
    }

    /**
     * Resolved extensions and parameters of a spec, one {@link Choice} per {@link SlotKind}, and the configured
     * system; resolving checks every id and parameter before any work.
     */
    record Resolved(Map<SlotKind, Choice> choices, SystemModel model) {

        @SuppressWarnings("unchecked")
        private <T extends LabExtension> ExtensionRecord<T> record(SlotKind kind, Class<T> spi) {
            ExtensionRecord<?> r = choices.get(kind).record();
            if (!spi.isInstance(r.extension())) {
                throw new IllegalStateException(kind + " holds " + r.extension().getClass());
            }
            return (ExtensionRecord<T>) r;
        }

        ExtensionRecord<PhysicalSystem> system() {
            return record(SlotKind.SYSTEM, PhysicalSystem.class);
        }

        Parameters systemParams() {
            return choices.get(SlotKind.SYSTEM).parameters();
        }

        ExtensionRecord<ExampleSampler> sampler() {
            return record(SlotKind.SAMPLER, ExampleSampler.class);
        }

        Parameters samplerParams() {
            return choices.get(SlotKind.SAMPLER).parameters();
        }

        ExtensionRecord<NetworkHead> head() {
            return record(SlotKind.HEAD, NetworkHead.class);
        }

        Parameters headParams() {
            return choices.get(SlotKind.HEAD).parameters();
        }

        ExtensionRecord<SymbolicInterpreter> interpreter() {
            return record(SlotKind.INTERPRETER, SymbolicInterpreter.class);
        }

        Parameters interpreterParams() {
            return choices.get(SlotKind.INTERPRETER).parameters();
        }

        /** The provenance of every slot, in slot order, and of a data file (its SHA-256 as the version). */
        List<ExtensionRef> refs() {
            List<ExtensionRef> out = new ArrayList<>(choices.values().stream().map(Choice::ref).toList());
            if (model instanceof FileDataModel f) {
                out.add(0, new ExtensionRef(Provenance.DATA_FILE, f.name(), f.path().toString(), "sha256:" + f.sha256(),
                        f.truthExpressions()));
            }
            return out;
        }
    }

    /**
     * Checks ids and parameters and returns the spec with every parameter made explicit, and an automatic latent
     * size ({@link RunSpec.Training#AUTO_LATENT_SIZE}) replaced by the number of independent true invariants that
     * vary on the system's data ({@link Scorer#independentInvariants}, on {@value #LATENT_SIZE_GROUPS} groups drawn
     * with the spec's seed), at least 1.
     */
    public RunSpec resolve(RunSpec spec) {
        return resolve(spec, resolveExtensions(spec));
    }

    /** {@link #resolve(RunSpec)} with its extensions resolved already. */
    RunSpec resolve(RunSpec spec, Resolved r) {
        RunSpec.Training t = spec.training();
        if (t.latentSize() == RunSpec.Training.AUTO_LATENT_SIZE) {
            GroupedData probe = r.model() instanceof FileDataModel f
                    ? Rectangular.of(f.groups().select(java.util.stream.IntStream.range(0,
                            Math.min(LATENT_SIZE_GROUPS, f.groups().groupCount())).toArray()), spec.dataName())
                    : r.model().sample(new SamplingRequest(LATENT_SIZE_GROUPS, spec.data().perGroup(), spec.seed()));
            int k = Math.max(1, Scorer.independentInvariants(r.model(), probe, ScoringOptions.defaults()));
            t = t.withLatentSize(k);
        }
        RunSpec out = spec.withTraining(t);
        for (Choice c : r.choices().values()) {
            out = out.with(c.kind(), new Slot(spec.slot(c.kind()).id(), c.parameters().asText()));
        }
        return out;
    }

    /** The searching interpreter to call when the one chosen as {@code interpreterId} does not explain a network. */
    FormulaReport.Search search(String interpreterId) {
        return FormulaReport.searchIn(lab.registry(), interpreterId);
    }

    Resolved resolveExtensions(RunSpec spec) {
        Map<SlotKind, Choice> choices = new EnumMap<>(SlotKind.class);
        for (SlotKind kind : SlotKind.values()) {
            Slot slot = spec.slot(kind);
            if (slot == null) {
                continue; // the system of a run on a data file
            }
            ExtensionRecord<?> record = lab.registry().record(kind.spi(), slot.id());
            choices.put(kind, new Choice(kind, record,
                    Parameters.resolve(record.id(), record.extension().parameters(), slot.parameters())));
        }
        Resolved resolved = new Resolved(choices, null);
        DataFile file = spec.file();
        SystemModel model = file != null
                ? FileDataModel.read(Path.of(file.path()), file.variables(), file.groupColumn(), file.timeColumn(),
                        file.ignore(), file.statesArray(), file.timesArray(), file.truth()).checkColumns()
                : resolved.system().extension().configure(resolved.systemParams());
        UserFeatures.of(spec.features(), model.stateSpace().variables()); // a feature's problems before any work
        CorrelationFollower.checkTruth(model, spec.training().trackEvery());
        if (file == null && model.invariants().isEmpty()
                && model.conservedCounts().map(c -> c.independent().orElse(-1) == 0).orElse(false)) {
            throw new InvalidInputException("system '" + resolved.system().id() + "' conserves nothing (it is a negative "
                    + "control for 'invariantlab count'); run needs a system with an invariant to learn");
        }
        // validates the training settings before any work (an automatic latent size is resolved later)
        trainingConfig(spec.training().latentSize() == RunSpec.Training.AUTO_LATENT_SIZE
                ? spec.withTraining(spec.training().withLatentSize(1))
                : spec, 0L);
        return new Resolved(choices, model);
    }

    /**
     * Runs {@code spec} and writes the result to {@code out}.
     *
     * @param command   the command line, recorded in the provenance
     * @param overwrite replace an existing result in {@code out}
     */
    public RunOutcome run(RunSpec spec, Path out, boolean overwrite, String command, JobListener listener) {
        Resolved r = resolveExtensions(spec);
        RunSpec resolved = resolve(spec, r);
        memoryEstimate(resolved, r).check(MemoryEstimate.available());
        try (ResultDirectory dir = ResultDirectory.open(out, ResultDirectory.Kind.RUN, overwrite)) {
            RunOutcome outcome = execute(resolved, r, dir, command, listener);
            dir.commit();
            return outcome;
        }
    }

    /**
     * Checks everything that can be checked before any work: ids, parameters, training settings, and that the
     * run fits into the JVM's memory ({@link MemoryEstimate}).
     *
     * @return the resolved spec
     */
    public RunSpec check(RunSpec spec) {
        Resolved r = resolveExtensions(spec);
        RunSpec resolved = resolve(spec, r);
        memoryEstimate(resolved, r).check(MemoryEstimate.available());
        return resolved;
    }

    /** The memory a run needs; a data file's readers check their own memory when they read it. */
    private static MemoryEstimate memoryEstimate(RunSpec spec, Resolved r) {
        if (spec.fromFile()) {
            return MemoryEstimate.none();
        }
        String positives = r.samplerParams().asText().get(PermutationSampler.POSITIVES_PER_GROUP);
        long pairsPerGroup = positives != null && positives.matches("\\d+")
                ? PermutationSampler.positives(Long.parseLong(positives), spec.data().perGroup()) : 1L;
        return MemoryEstimate.of(spec, r.model().stateSpace().variables().size(), r.model().invariants().size(),
                pairsPerGroup);
    }

    /** How the latents follow the true invariants on the test states, and on fresh groups under Ha &amp; Jeong's protocol. */
    record Correlations(Map<String, GroupCorrelation> test, Map<String, GroupCorrelation> fresh) {
    }

    /** The {@link GroupCorrelation}s of a run (fresh groups only when the test states are the training groups'). */
    static Correlations correlations(RunSpec spec, Resolved r, Splits data,
                                     java.util.function.Supplier<GroupedData> freshGroups, List<ScalarField> latents) {
        Map<String, GroupCorrelation> test = Scorer.correlations(latents, r.model(), data.test());
        Map<String, GroupCorrelation> fresh = spec.data().testFrom() == RunSpec.TestFrom.TRAINING_GROUPS
                ? Scorer.correlations(latents, r.model(), freshGroups.get())
                : Map.of();
        return new Correlations(test, fresh);
    }

    /** The three splits of a run's data. */
    record Splits(GroupedData train, GroupedData validation, GroupedData test) {
    }

    /** The training examples made from the splits. */
    record Examples(TrainingExamples train, TrainingExamples validation, TrainingExamples test) {
    }

    /** The best model's evaluation on the training and test examples, and the verdict on it. */
    record Judgement(Evaluation train, Evaluation test, LearningVerdict verdict) {

        /** With the verdict after the formulas were checked ({@link LearningVerdict#afterReading}), said if changed. */
        Judgement afterReading(FormulaSummary f, java.util.function.BooleanSupplier networkConserved,
                               JobListener listener) {
            LearningVerdict v = verdict.afterReading(f.verdicts(), test.accuracy(), f.networkAlignment(),
                    networkConserved);
            if (v == verdict) {
                return this;
            }
            listener.stage(v.status() + ": " + v.message());
            return new Judgement(train, test, v);
        }
    }

    /** The stages of a run, each returning a record: data → examples → train → judge → score → read → store. */
    private RunOutcome execute(RunSpec spec, Resolved r, ResultDirectory dir, String command, JobListener listener) {
        RunSeeds seeds = RunSeeds.of(spec.seed());
        Splits data = data(spec, r, seeds, listener);
        Examples examples = examples(r, data, seeds);
        CorrelationFollower follower = spec.training().trackEvery() > 0
                ? CorrelationFollower.of(listener, spec.training().trackEvery(), r.model(), data.test()) : null;
        TrainingResult result = train(spec, r, examples, seeds, trainer, listener, follower);
        if (follower != null) {
            follower.peaks().forEach((name, p) -> listener.stage(String.format(Locale.ROOT, "test |r| with %s followed "
                    + "every %d epochs: highest %.4f at epoch %d (the figure Ha and Jeong's saved models report, chosen "
                    + "on the test states); the model kept is epoch %d's, chosen on the validation loss", name,
                    spec.training().trackEvery(), p.absR(), p.epoch(), result.bestEpoch())));
        }
        Judgement judgement = judge(spec, r, examples, result, trainer, listener);
        List<ScalarField> latents = new ArrayList<>();
        for (int k = 0; k < result.encoder().latentSize(); k++) {
            latents.add(result.encoder().field(k));
        }
        Scores scores = Scorer.score(latents, r.model(), data.test(), ScoringOptions.defaults());
        // the plots do not depend on the formula: they are drawn on a second core while it is read
        CompletableFuture<Void> plots = plotsInBackground(dir, spec, latents.get(0), r.model(), data.test(), scores,
                result.history());
        RunMetrics metrics;
        // fresh groups are drawn at most once, when the reading, the shortcut rule or the correlations first need them
        java.util.function.Supplier<GroupedData> freshGroups = once(() -> fresh(spec, r, seeds, data));
        try {
            FormulaReport formulas = read(spec, r, latents, data, freshGroups, scores, judgement.verdict(),
                    FormulaReport.searchIn(lab.registry(), r.interpreter().id()), listener);
            Judgement read = judgement.afterReading(formulas.metrics(),
                    () -> FormulaReport.conservedNetworks(latents, freshGroups.get()), listener);
            metrics = metrics(spec, r.model(), examples, result, read, scores, formulas,
                    correlations(spec, r, data, freshGroups, latents), follower);
            store(spec, r, dir, command, metrics, formulas, result, data.test(), scores, follower, listener);
        } catch (RuntimeException | Error e) {
            finish(plots, e); // nothing may write into the folder once it is abandoned
            throw e;
        }
        finish(plots, null);
        return new RunOutcome(spec, metrics, dir.target());
    }

    /**
     * Draws {@code training.png} and the latent against the truth on another thread. The values are computed here,
     * on the caller's thread (a network is not evaluated from two threads at once); only the drawing moves.
     */
    private static CompletableFuture<Void> plotsInBackground(ResultDirectory dir, RunSpec spec, ScalarField latent,
                                                             SystemModel model, GroupedData test, Scores scores,
                                                             List<EpochStats> history) {
        Runnable latentPlot = latentPlot(dir, spec, latent, model, test, scores);
        return CompletableFuture.runAsync(() -> {
            writeTrainingPlot(dir, spec, history);
            latentPlot.run();
        }, PLOTTER);
    }

    /** One daemon thread that draws plots. */
    private static final java.util.concurrent.Executor PLOTTER = java.util.concurrent.Executors.newSingleThreadExecutor(
            task -> {
                Thread t = new Thread(task, "invariantlab-plots");
                t.setDaemon(true);
                return t;
            });

    /** Waits for the plots; their failure is rethrown as it was, or added to {@code failure} when there is one. */
    private static void finish(CompletableFuture<Void> plots, Throwable failure) {
        try {
            plots.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (failure != null) {
                failure.addSuppressed(cause);
            } else if (cause instanceof RuntimeException re) {
                throw re;
            } else if (cause instanceof Error er) {
                throw er;
            } else {
                throw new InvariantLabException("could not draw the plots: " + cause.getMessage(), cause);
            }
        }
    }

    private static Splits data(RunSpec spec, Resolved r, RunSeeds seeds, JobListener listener) {
        RunSpec.Data d = spec.data();
        if (r.model() instanceof FileDataModel f) {
            listener.stage(String.format(Locale.ROOT, "splitting the %d groups of %s (%s) by groups%s", f.groups().groupCount(),
                    f.name(), spec.file().split(), d.noise() > 0 ? ", adding noise " + d.noise() : ""));
        } else {
            listener.stage(String.format(Locale.ROOT, "sampling %s: %d training, %d validation, %d test groups of %d states%s",
                    spec.system(), d.trainGroups(), d.validationGroups(), d.testGroups(), d.perGroup(),
                    d.noise() > 0 ? ", noise " + d.noise() : ""));
        }
        return splits(spec, r, seeds);
    }

    /**
     * The three splits of a run, the same for the same spec: a data file split by groups ({@link GroupSplit}), or
     * a system's three independent draws; measurement noise added to each when the spec asks for it; groups of a
     * file that differ in size cut to the smallest (the example sampler needs equal sizes).
     */
    static Splits splits(RunSpec spec, Resolved r, RunSeeds seeds) {
        RunSpec.Data d = spec.data();
        java.util.SplittableRandom noise = new java.util.SplittableRandom(seeds.noise());
        long[] noiseSeeds = {noise.nextLong(), noise.nextLong(), noise.nextLong()};
        if (r.model() instanceof FileDataModel f) {
            if (d.testFrom() == RunSpec.TestFrom.TRAINING_GROUPS) {
                throw new InvalidInputException("data.testFrom training-groups draws more states of each training "
                        + "group from a system; a data file's groups are split by --split: leave out --test-from (data.testFrom)");
            }
            List<Double> fr = spec.file().split();
            GroupSplit split = GroupSplit.split(f.groups(), fr.get(0), fr.get(1), fr.get(2), seeds.trainGroups(), f.name());
            return new Splits(prepared(split.train(), d.noise(), noiseSeeds[0], f.name()),
                    prepared(split.validation(), d.noise(), noiseSeeds[1], f.name()),
                    prepared(split.test(), d.noise(), noiseSeeds[2], f.name()));
        }
        SystemModel model = r.model();
        if (d.testFrom() == RunSpec.TestFrom.TRAINING_GROUPS) {
            // Ha & Jeong's protocol: each training group drawn with 2m states, the first m train, the last m test
            GroupedData both = model.sample(new SamplingRequest(d.trainGroups(), 2 * d.perGroup(), seeds.trainGroups()));
            return new Splits(noisy(half(both, 0), d.noise(), noiseSeeds[0]),
                    noisy(model.sample(new SamplingRequest(d.validationGroups(), d.perGroup(), seeds.validationGroups())),
                            d.noise(), noiseSeeds[1]),
                    noisy(half(both, 1), d.noise(), noiseSeeds[2]));
        }
        return new Splits(
                noisy(model.sample(new SamplingRequest(d.trainGroups(), d.perGroup(), seeds.trainGroups())), d.noise(),
                        noiseSeeds[0]),
                noisy(model.sample(new SamplingRequest(d.validationGroups(), d.perGroup(), seeds.validationGroups())),
                        d.noise(), noiseSeeds[1]),
                noisy(model.sample(new SamplingRequest(d.testGroups(), d.perGroup(), seeds.testGroups())), d.noise(),
                        noiseSeeds[2]));
    }

    /** {@code s}, evaluated on the first call only. */
    private static <T> java.util.function.Supplier<T> once(java.util.function.Supplier<T> s) {
        Object[] held = new Object[1];
        return () -> {
            if (held[0] == null) {
                held[0] = s.get();
            }
            @SuppressWarnings("unchecked")
            T t = (T) held[0];
            return t;
        };
    }

    /** The first ({@code which = 0}) or second half of every group's states, in their order. */
    static GroupedData half(GroupedData data, int which) {
        int m = data.perGroup() / 2;
        int d = data.dimension();
        double[] all = data.values();
        double[] out = new double[data.groups() * m * d];
        for (int g = 0; g < data.groups(); g++) {
            System.arraycopy(all, (g * data.perGroup() + which * m) * d, out, g * m * d, m * d);
        }
        return new GroupedData(data.variables(), data.groups(), m, out);
    }

    /**
     * Groups no network of the run saw, for checking formulas: fresh draws of a system (without noise, at most
     * {@value #MAX_FRESH_GROUPS}), or the validation groups of a data file (the reading uses the test groups).
     */
    static GroupedData fresh(RunSpec spec, Resolved r, RunSeeds seeds, Splits splits) {
        if (r.model() instanceof FileDataModel) {
            return splits.validation();
        }
        RunSpec.Data d = spec.data();
        return r.model().sample(new SamplingRequest(Math.min(d.testGroups(), MAX_FRESH_GROUPS), d.perGroup(),
                seeds.freshGroups()));
    }

    private static GroupedData noisy(GroupedData data, double sigma, long seed) {
        return sigma > 0 ? Noise.add(RaggedGroups.of(data), sigma, seed).toRectangular() : data;
    }

    private static GroupedData prepared(RaggedGroups groups, double sigma, long seed, String source) {
        return Rectangular.of(sigma > 0 ? Noise.add(groups, sigma, seed) : groups, source);
    }

    private static Examples examples(Resolved r, Splits data, RunSeeds seeds) {
        ExampleSampler sampler = r.sampler().extension();
        return new Examples(sampler.examples(data.train(), r.samplerParams(), seeds.trainPairs()),
                sampler.examples(data.validation(), r.samplerParams(), seeds.validationPairs()),
                sampler.examples(data.test(), r.samplerParams(), seeds.testPairs()));
    }

    private static TrainingResult train(RunSpec spec, Resolved r, Examples examples, RunSeeds seeds, Trainer trainer,
                                        JobListener listener, CorrelationFollower follower) {
        listener.stage(String.format(Locale.ROOT, "training %s on %d examples (%d epochs, batch %d, %s %s)",
                spec.head(), examples.train().count(), spec.training().epochs(), spec.training().batchSize(),
                spec.training().activation(), spec.training().hidden()));
        return trainer.train(trainingConfig(spec, seeds.network()), examples.train(), examples.validation(),
                r.head().extension(), r.headParams(),
                r.sampler().extension().perturbation(r.samplerParams()).orElse(null),
                follower != null ? follower : listener);
    }

    private static Judgement judge(RunSpec spec, Resolved r, Examples examples, TrainingResult result, Trainer trainer,
                                   JobListener listener) {
        listener.stage("evaluating and scoring the best model (epoch " + result.bestEpoch() + ")");
        NetworkHead head = r.head().extension();
        Evaluation trainEval = trainer.evaluate(result.encoder(), head, result.theta(), r.headParams(), examples.train());
        Evaluation testEval = trainer.evaluate(result.encoder(), head, result.theta(), r.headParams(), examples.test());
        LearningVerdict verdict = LearningVerdict.judge(testEval.accuracy(), examples.test().count(), testEval.loss(),
                result.stopReason(), spec.training());
        if (verdict.message() != null) {
            listener.stage(verdict.status() + ": " + verdict.message());
        }
        return new Judgement(trainEval, testEval, verdict);
    }

    private static FormulaReport read(RunSpec spec, Resolved r, List<ScalarField> latents, Splits data,
                                      java.util.function.Supplier<GroupedData> freshGroups, Scores scores,
                                      LearningVerdict verdict, FormulaReport.Search search,
                                      JobListener listener) {
        FormulaReport formulas;
        if (verdict.learned()) {
            listener.stage("reading the latent as a formula (" + spec.interpreter() + ") and checking it on fresh groups");
            try (Heartbeat h = Heartbeat.during(listener, "reading the latent as a formula")) {
                formulas = FormulaReport.read(r.interpreter().extension(), r.interpreterParams(), latents,
                        UserFeatures.model(r.model(), spec.features()), data.test(), freshGroups.get(), scores,
                        search);
            }
        } else {
            formulas = FormulaReport.failed("the network failed to learn, so there is no formula to read");
        }
        if (formulas.error() != null) {
            listener.stage("no formula: " + formulas.error());
        }
        formulas.flags().forEach(f -> listener.stage("warning: " + f));
        return formulas;
    }

    private static RunMetrics metrics(RunSpec spec, SystemModel model, Examples examples, TrainingResult result,
                                      Judgement j, Scores scores, FormulaReport formulas, Correlations correlations,
                                      CorrelationFollower follower) {
        LearningVerdict verdict = j.verdict();
        FormulaSummary f = formulas.metrics();
        return new RunMetrics(spec.dataName(), spec.seed(), verdict.status(), verdict.message(), result.stopReason(),
                pairAccuracy(j.train()), pairAccuracy(j.test()), j.test().loss(), scores.gradientAlignment(),
                verdict.learned() ? scores.matched() : List.of(), scores.alignmentPerInvariant(),
                scores.pearsonPerInvariant(), scores.r2(), scores.withinGroupSpread(), scores.constantOnData(),
                f.formula(), f.latex(), f.formulas(), f.reading(), f.r2(), f.alignment(), f.networkAlignment(),
                f.exact(), f.matches(), f.freshSpread(), f.flags(), f.error(), f.verdicts(), f.set(), trueInvariants(model),
                result.bestEpoch(),
                result.history().size(), examples.train().count(), result.seconds(),
                RunMetrics.examplesPerSecond(examples.train().count(), result.history().size(), result.seconds()),
                correlations.test(), correlations.fresh(), follower != null ? follower.peaks() : Map.of());
    }

    /** The pair accuracy of an evaluation; {@code null} for heads without pair probabilities (whole groups). */
    private static Double pairAccuracy(Evaluation e) {
        return Double.isNaN(e.accuracy()) ? null : e.accuracy();
    }

    private static void store(RunSpec spec, Resolved r, ResultDirectory dir, String command, RunMetrics metrics,
                              FormulaReport formulas, TrainingResult result, GroupedData test, Scores scores,
                              CorrelationFollower follower, JobListener listener) {
        listener.stage("writing " + dir.target());
        write(spec, r, dir, command, metrics, formulas, result, test, scores);
        if (follower != null) {
            dir.writeString(CORRELATION_HISTORY, follower.csv());
        }
    }

    private static void write(RunSpec spec, Resolved r, ResultDirectory dir, String command, RunMetrics metrics,
                              FormulaReport formulas, TrainingResult result, GroupedData test, Scores scores) {
        dir.writeString("spec.yaml", SpecFiles.toYaml(spec));
        dir.writeJson("metrics.json", metrics);
        dir.writeJson("provenance.json", Provenance.now(command, spec.seed(), r.refs()));
        dir.writeJson("formula.json", formulas.formulaJson());
        dir.writeString("history.csv", historyCsv(result.history()));
        result.encoder().save(dir.file("model/model.zip").getParent());
        if (formulas.readings().size() > 1) {
            writeReadingPlots(dir, spec, formulas.readings(), r.model(), test, scores);
        }
    }

    /** The training configuration of a spec, with the network seed. */
    static TrainingConfig trainingConfig(RunSpec spec, long networkSeed) {
        RunSpec.Training t = spec.training();
        EncoderConfig enc = new EncoderConfig(t.hidden(), t.activation(), t.latentSize(), "he", "float");
        return new TrainingConfig(enc, t.epochs(), t.batchSize(), t.learningRate(), t.schedule(), t.patience(), networkSeed);
    }

    private static Map<String, String> trueInvariants(SystemModel model) {
        Map<String, String> m = new LinkedHashMap<>();
        for (TrueInvariant i : model.invariants()) {
            m.put(i.name(), i.expression());
        }
        return m;
    }

    private static String historyCsv(List<EpochStats> history) {
        StringBuilder sb = new StringBuilder("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds\n");
        for (EpochStats e : history) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%.3f%n", e.epoch(), e.trainLoss(), e.trainAccuracy(),
                    e.validationLoss(), e.validationAccuracy(), e.learningRate(), e.seconds()));
        }
        return sb.toString();
    }

    /** The latent against the matched true invariant, its values computed now and drawn when run. */
    private static Runnable latentPlot(ResultDirectory dir, RunSpec spec, ScalarField latent, SystemModel model,
                                       GroupedData test, Scores scores) {
        if (model.invariants().isEmpty()) {
            return () -> { }; // no truth to plot the latent against
        }
        String match = scores.matched().isEmpty() ? model.invariants().get(0).name() : bestSingle(scores);
        TrueInvariant inv = model.invariants().stream().filter(i -> i.name().equals(match)).findFirst()
                .orElseThrow(() -> new InvariantLabException("matched invariant " + match + " is not one of the system's"));
        int n = Math.min(test.size(), 5000);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double[] s = test.state(i / test.perGroup(), i % test.perGroup());
            x[i] = inv.value(s);
            y[i] = latent.value(s);
        }
        // every text now, on this thread: the plugin's invariant is not called from the plotting thread
        Path file = dir.file("latent_vs_" + inv.name() + ".png");
        String title = spec.dataName() + ": learned latent against " + inv.name();
        String xLabel = inv.name() + " = " + inv.expression();
        return () -> Plots.scatter(file, title, xLabel, x, "latent f(x)", y, false);
    }

    private static void writeTrainingPlot(ResultDirectory dir, RunSpec spec, List<EpochStats> history) {
        int[] epochs = history.stream().mapToInt(EpochStats::epoch).toArray();
        Map<String, double[]> loss = new LinkedHashMap<>();
        loss.put("training", history.stream().mapToDouble(EpochStats::trainLoss).toArray());
        loss.put("validation", history.stream().mapToDouble(EpochStats::validationLoss).toArray());
        Map<String, double[]> acc = new LinkedHashMap<>();
        // heads without pair probabilities (whole groups) have no accuracy to plot
        if (history.stream().anyMatch(e -> Double.isFinite(e.trainAccuracy()) || Double.isFinite(e.validationAccuracy()))) {
            acc.put("training", history.stream().mapToDouble(EpochStats::trainAccuracy).toArray());
            acc.put("validation", history.stream().mapToDouble(EpochStats::validationAccuracy).toArray());
        }
        Plots.trainingCurves(dir.file("training.png"), spec.dataName() + ": training (InvariantLab " + ApiVersion.current() + ")",
                epochs, loss, acc, false);
    }

    /**
     * With several latents, one plot per reading: the formula's value against the matched invariant it
     * correlates with most ({@code reading1_vs_L.png}, …), so that a reader sees each recovered invariant.
     */
    static void writeReadingPlots(ResultDirectory dir, RunSpec spec, List<Interpretation> readings,
                                          SystemModel model, GroupedData test, Scores scores) {
        List<TrueInvariant> candidates = model.invariants().stream().filter(i -> scores.matched().contains(i.name()))
                .toList();
        if (candidates.isEmpty()) {
            return;
        }
        int n = Math.min(test.size(), 5000);
        double[][] states = new double[n][];
        for (int i = 0; i < n; i++) {
            states[i] = test.state(i / test.perGroup(), i % test.perGroup());
        }
        for (int j = 0; j < readings.size(); j++) {
            Interpretation reading = readings.get(j);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = reading.formula().value(states[i].clone());
            }
            TrueInvariant best = null;
            double[] bestX = null;
            double bestR = -1;
            for (TrueInvariant inv : candidates) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = inv.value(states[i].clone());
                }
                double r = Math.abs(Scorer.pearson(x, y));
                if (best == null || r > bestR) {
                    bestR = r;
                    best = inv;
                    bestX = x;
                }
            }
            Plots.scatter(dir.file("reading" + (j + 1) + "_vs_" + best.name() + ".png"),
                    spec.dataName() + ": reading " + (j + 1) + " against " + best.name(),
                    best.name() + " = " + best.expression(), bestX, reading.expression(), y, false);
        }
    }

    private static String bestSingle(Scores scores) {
        return scores.matched().stream()
                .max((a, b) -> Double.compare(scores.alignmentPerInvariant().getOrDefault(a, 0.0),
                        scores.alignmentPerInvariant().getOrDefault(b, 0.0)))
                .orElseThrow();
    }
}
