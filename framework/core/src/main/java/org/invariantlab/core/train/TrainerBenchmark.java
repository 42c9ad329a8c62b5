package org.invariantlab.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.training.GradientLoss;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.GroupExamples;
import org.invariantlab.api.training.HeadOutput;
import org.invariantlab.api.training.LatentBatch;
import org.invariantlab.api.training.NetworkHead;
import org.invariantlab.api.training.PairExamples;
import org.invariantlab.api.training.Perturbation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput of {@link Trainer} on this machine: pairs per second and milliseconds per step for a
 * siamese run with the {@code distance-logistic} head on synthetic pairs, excluding validation.
 *
 * <p>Every configuration is first trained for {@value #WARM_UP_EPOCHS} untimed epochs to warm up the JIT and
 * ND4J, then {@code repeats} times; the table shows the median and the range. With {@code --reference} it
 * also times the straightforward DL4J recipe ({@code feedForward(true, false)}, {@code backpropGradient},
 * the network's own updater, fresh arrays every step) on the same data and head, which the trainer's
 * preallocated kernel replaces. Run it with
 * {@code OMP_NUM_THREADS=1} (the launcher and the test runner set it) and on an otherwise idle machine: on
 * 2 cores a concurrent build can halve the numbers.
 *
 * <p>Measured on the project's 2-core machine (100k pairs × 3 epochs, batch 256, 4 inputs, 64-64-64 swish,
 * {@code OMP_NUM_THREADS=1}, three sessions of three repeats; the host is shared and the same run varied by
 * up to 2×): trainer FLOAT 56k–128k pairs/s (session medians 71k–100k, about 2.6–3.6 ms per step), DOUBLE
 * 42k–77k; the DL4J recipe 24k–35k (FLOAT) and 16k–25k (DOUBLE). The reference PyTorch implementation
 * reached about 90k pairs/s on the same machine.
 *
 * <pre>
 *   TrainerBenchmark [--pairs 100000] [--epochs 2] [--batch 256] [--inputs 4] [--widths 64,64,64]
 *                    [--types float,double] [--repeats 3] [--reference]
 * </pre>
 */
public final class TrainerBenchmark {

    /**
     * Epochs of the untimed warm-up run per configuration: the JIT and ND4J's Java side take about a thousand
     * steps to reach their steady speed.
     */
    static final int WARM_UP_EPOCHS = 3;

    /**
     * What to measure.
     *
     * @param pairs     training pairs per epoch
     * @param epochs    epochs per measured run
     * @param batchSize pairs per step
     * @param inputs    state dimension
     * @param widths    hidden widths
     * @param types     precisions to measure ({@code float}, {@code double})
     * @param repeats   measured runs per configuration
     * @param reference also time the plain DL4J recipe
     */
    public record Settings(int pairs, int epochs, int batchSize, int inputs, List<Integer> widths, List<String> types,
                           int repeats, boolean reference) {
        public Settings {
            if (pairs < 1 || epochs < 1 || batchSize < 1 || inputs < 1 || repeats < 1) {
                throw new InvariantLabException("benchmark: pairs, epochs, batch, inputs and repeats must be positive");
            }
            widths = List.copyOf(widths);
            types = List.copyOf(types);
        }

        /** 100k pairs, 2 epochs, batch 256, 4 inputs, 64-64-64, float and double, 3 repeats, no reference. */
        public static Settings defaults() {
            return new Settings(100_000, 2, 256, 4, List.of(64, 64, 64), List.of("float", "double"), 3, false);
        }
    }

    /**
     * One measured configuration.
     *
     * @param engine        {@code trainer} or {@code dl4j-recipe}
     * @param dataType      precision
     * @param pairsPerSecond one value per repeat
     * @param batchSize     pairs per step
     */
    public record Row(String engine, String dataType, double[] pairsPerSecond, int batchSize) {
        public Row {
            pairsPerSecond = pairsPerSecond.clone();
        }

        @Override
        public double[] pairsPerSecond() {
            return pairsPerSecond.clone();
        }

        /** Median over the repeats. */
        public double median() {
            double[] s = pairsPerSecond.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
        }

        /** Milliseconds per step at the median rate. */
        public double millisecondsPerStep() {
            return 1000.0 * batchSize / median();
        }
    }

    private TrainerBenchmark() {
    }


    /** Whether the float kernels' activations run on the Vector API here ({@link FloatActivations}). */
    public static boolean vectorActivations() {
        return FloatActivations.VECTOR;
    }

    /** One line describing the workload and environment. */
    public static String header(Settings s) {
        String omp = System.getenv("OMP_NUM_THREADS");
        return String.format(Locale.ROOT, "%d pairs x %d epochs, batch %d, %d inputs, hidden %s, swish, "
                        + "distance-logistic head; OMP_NUM_THREADS=%s, %d cores", s.pairs(), s.epochs(), s.batchSize(),
                s.inputs(), s.widths(), omp == null ? "(unset)" : omp, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs every configuration of {@code s} with {@code head} at its default parameters (the engine knows no
     * concrete head; callers pass the registry's {@code distance-logistic}).
     */
    public static List<Row> run(Settings s, NetworkHead head) {
        PairExamples data = syntheticPairs(s.pairs(), s.inputs(), 7L);
        Parameters hp = Parameters.resolve(head.id(), head.parameters(), Map.of());
        List<Row> rows = new ArrayList<>();
        for (String type : s.types()) {
            EncoderConfig encoder = EncoderConfig.defaults().withHiddenWidths(s.widths()).withDataType(type);
            TrainingConfig config = TrainingConfig.defaults().withEncoder(encoder).withEpochs(s.epochs())
                    .withBatchSize(s.batchSize()).withSchedule("constant");
            Trainer trainer = new Trainer();
            trainer.train(config.withEpochs(WARM_UP_EPOCHS), data, null, head, hp, null);
            double[] rates = new double[s.repeats()];
            for (int r = 0; r < s.repeats(); r++) {
                rates[r] = trainer.train(config.withSeed(r + 1L), data, null, head, hp, null).examplesPerSecond();
            }
            rows.add(new Row("trainer", encoder.dataType(), rates, s.batchSize()));
            if (s.reference()) {
                referenceRecipe(config, data, head, hp, WARM_UP_EPOCHS);
                double[] ref = new double[s.repeats()];
                for (int r = 0; r < s.repeats(); r++) {
                    ref[r] = referenceRecipe(config, data, head, hp, s.epochs());
                }
                rows.add(new Row("dl4j-recipe", encoder.dataType(), ref, s.batchSize()));
            }
        }
        return rows;
    }

    /** States per group of the synthetic groups of {@link #runGroups}. */
    public static final int STATES_PER_GROUP = 10;

    /**
     * The trainer on whole groups with a loss over groups ({@code head}, e.g. Ha–Jeong's {@code noise-variance}) and
     * fresh perturbations every step ({@code perturbation}, may be {@code null}): synthetic groups of
     * {@value #STATES_PER_GROUP} states sharing {@code x₀² + x₁²}, {@code s.pairs()} states in all, batches of
     * {@code s.batchSize()} states. The rate is in states per second; a state, like a pair, costs two network
     * evaluations (itself and its perturbed copy), so the two rates compare directly.
     */
    public static Row runGroups(Settings s, NetworkHead head, Perturbation perturbation) {
        int groups = Math.max(2, s.pairs() / STATES_PER_GROUP);
        GroupExamples data = syntheticGroups(groups, STATES_PER_GROUP, s.inputs(), 7L);
        Parameters hp = Parameters.resolve(head.id(), head.parameters(), Map.of());
        EncoderConfig encoder = EncoderConfig.defaults().withHiddenWidths(s.widths()).withDataType(s.types().get(0));
        int batchGroups = Math.max(1, s.batchSize() / STATES_PER_GROUP);
        TrainingConfig config = TrainingConfig.defaults().withEncoder(encoder).withEpochs(s.epochs())
                .withBatchSize(batchGroups).withSchedule("constant");
        Trainer trainer = new Trainer();
        trainer.train(config.withEpochs(WARM_UP_EPOCHS), data, null, head, hp, perturbation, null);
        double[] rates = new double[s.repeats()];
        for (int r = 0; r < s.repeats(); r++) {
            rates[r] = STATES_PER_GROUP * trainer.train(config.withSeed(r + 1L), data, null, head, hp, perturbation, null)
                    .examplesPerSecond();
        }
        return new Row("trainer-groups", encoder.dataType(), rates, batchGroups * STATES_PER_GROUP);
    }

    /**
     * Training on input gradients ({@link GradientTrainer}, double precision): {@code s.pairs()} states uniform in
     * {@code [−1, 1]^d} under the rotation field {@code h = (p, −q)} of {@code d/2} oscillators ({@code d} even),
     * {@code outputs} outputs trained jointly with {@code loss}, after {@code frozen} frozen one-output networks
     * (a deflation stage {@code frozen + 1}), batches of {@code s.batchSize()} states. The rate is training states
     * per second, measured over the stage (a validation pass over 256 states per epoch included).
     *
     * @param engine the row's name
     */
    public static List<Row> runGradient(Settings s, String engine, GradientLoss loss,
                                        Map<String, String> lossParameters, int outputs, int frozen) {
        int d = s.inputs() % 2 == 0 ? s.inputs() : s.inputs() + 1;
        GradientTrainer.FieldSamples train = rotation(s.pairs(), d, 11L);
        GradientTrainer.FieldSamples validation = rotation(256, d, 12L);
        Parameters p = Parameters.resolve(loss.id(), loss.parameters(), lossParameters);
        List<Row> rows = new ArrayList<>();
        for (String type : s.types()) {
            EncoderConfig encoder = EncoderConfig.defaults().withHiddenWidths(s.widths()).withDataType(type);
            TrainingConfig config = TrainingConfig.defaults().withEncoder(encoder).withEpochs(s.epochs())
                    .withBatchSize(s.batchSize()).withSchedule("constant");
            List<Encoder> earlier = new ArrayList<>();
            for (int j = 0; j < frozen; j++) {
                earlier.add(Encoder.create(encoder.withLatentSize(1), Standardization.fit(d, train.states()), 100L + j));
            }
            TrainingConfig warm = config.withEncoder(encoder.withLatentSize(outputs)).withEpochs(WARM_UP_EPOCHS);
            GradientTrainer.train(train, validation, loss, p, warm, earlier, null);
            double[] rates = new double[s.repeats()];
            for (int r = 0; r < s.repeats(); r++) {
                rates[r] = GradientTrainer.train(train, validation, loss, p,
                        config.withEncoder(encoder.withLatentSize(outputs)).withSeed(r + 1L), earlier, null)
                        .statesPerSecond();
            }
            rows.add(new Row(engine, type, rates, s.batchSize()));
        }
        return rows;
    }

    private static GradientTrainer.FieldSamples rotation(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n * d];
        double[] h = new double[n * d];
        int half = d / 2;
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                x[r * d + i] = random.nextDouble(-1, 1);
            }
            for (int i = 0; i < half; i++) {
                h[r * d + i] = x[r * d + half + i];
                h[r * d + half + i] = -x[r * d + i];
            }
        }
        List<Integer> q = new ArrayList<>();
        List<Integer> pIdx = new ArrayList<>();
        for (int i = 0; i < half; i++) {
            q.add(i);
            pIdx.add(half + i);
        }
        return new GradientTrainer.FieldSamples(d, x, h, java.util.Optional.of(
                new org.invariantlab.api.system.CanonicalLayout(q, pIdx)));
    }

    /** Synthetic groups: each group one radius of the first two coordinates, the other coordinates shared. */
    static GroupExamples syntheticGroups(int groups, int perGroup, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[groups * perGroup * d];
        for (int g = 0; g < groups; g++) {
            double radius = 0.5 + random.nextDouble();
            double[] rest = new double[d];
            for (int j = 2; j < d; j++) {
                rest[j] = gaussian(random);
            }
            for (int m = 0; m < perGroup; m++) {
                int o = (g * perGroup + m) * d;
                double phi = 2 * Math.PI * random.nextDouble();
                values[o] = radius * Math.cos(phi);
                if (d >= 2) {
                    values[o + 1] = radius * Math.sin(phi);
                }
                for (int j = 2; j < d; j++) {
                    values[o + j] = rest[j];
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("x" + j);
        }
        GroupedData grouped = new GroupedData(names, groups, perGroup, values);
        return new GroupExamples(grouped, grouped);
    }

    /** The measured rows as a text table. */
    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-15s %-7s %12s %22s %10s%n", "engine", "type", "per s (med)",
                "range", "ms/step"));
        for (Row r : rows) {
            double[] v = r.pairsPerSecond();
            Arrays.sort(v);
            sb.append(String.format(Locale.ROOT, "%-15s %-7s %12.0f %22s %10.2f%n", r.engine(), r.dataType(),
                    r.median(), String.format(Locale.ROOT, "%.0f - %.0f", v[0], v[v.length - 1]),
                    r.millisecondsPerStep()));
        }
        return sb.toString();
    }

    /**
     * Synthetic siamese pairs: states {@code N(0, 1)^d}; positives rotate the first two coordinates by a random
     * angle (so {@code x₀² + x₁²} and the other coordinates are shared); negatives take the second member from
     * another pair.
     */
    static PairExamples syntheticPairs(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] first = new double[n * d];
        double[] second = new double[n * d];
        double[] labels = new double[n];
        for (int i = 0; i < n * d; i++) {
            first[i] = gaussian(random);
        }
        for (int i = 0; i < n; i++) {
            boolean positive = i % 2 == 0;
            int source = positive ? i : random.nextInt(n);
            double phi = 2 * Math.PI * random.nextDouble();
            double c = Math.cos(phi);
            double s = Math.sin(phi);
            for (int j = 0; j < d; j++) {
                second[i * d + j] = first[source * d + j];
            }
            if (d >= 2) {
                double x = first[source * d];
                double y = first[source * d + 1];
                second[i * d] = c * x - s * y;
                second[i * d + 1] = s * x + c * y;
            }
            labels[i] = positive ? 1.0 : 0.0;
        }
        return new PairExamples(d, first, second, labels);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * The plain DL4J recipe (tech notes §3a) on the same batches: new input and gradient arrays every step,
     * {@code setInput} + {@code feedForward(true, false)}, {@code backpropGradient}, the network's own Adam
     * updater, {@code params().subi(update)}. Returns pairs per second over {@code epochs}.
     */
    static double referenceRecipe(TrainingConfig config, PairExamples data, NetworkHead head, Parameters hp,
                                  int epochs) {
        int d = data.dimension();
        Standardization st = Standardization.fit(d, data.first(), data.second());
        ExampleRows rows = ExampleRows.of(data, st);
        MultiLayerNetwork net = Encoder.network(config.encoder(), d, config.seed());
        int n = rows.count();
        int b = Math.min(config.batchSize(), n);
        int k = config.encoder().latentSize();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] theta = head.initialParameters(hp);
        ParameterAdam thetaAdam = new ParameterAdam(theta.length);
        double[] x = new double[rows.rows(b) * d];
        INDArray params = net.params();
        int iteration = 0;
        long start = System.nanoTime();
        long done = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int from = 0; from < n; from += b) {
                int to = Math.min(n, from + b);
                int r = rows.rows(to - from);
                BatchLayout layout = rows.fill(order, from, to, x);
                INDArray input = Nd4j.createFromArray(Arrays.copyOf(x, r * d)).reshape(r, d)
                        .castTo(params.dataType());
                net.setInput(input);
                List<INDArray> activations = net.feedForward(true, false);
                double[] z = activations.get(activations.size() - 1).reshape(r * k).toDoubleVector();
                HeadOutput out = head.evaluate(new LatentBatch(layout, k, z), theta, hp);
                INDArray dz = Nd4j.createFromArray(out.latentGradient()).reshape(r, k).castTo(params.dataType());
                Gradient g = net.backpropGradient(dz, LayerWorkspaceMgr.noWorkspaces()).getFirst();
                net.getUpdater().update(net, g, iteration++, epoch, 1, LayerWorkspaceMgr.noWorkspaces());
                params.subi(g.gradient().reshape(params.shape()));
                thetaAdam.step(theta, out.headGradient(), config.learningRate());
                done += to - from;
            }
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    static Settings parse(String[] args) {
        Settings d = Settings.defaults();
        int pairs = d.pairs();
        int epochs = d.epochs();
        int batch = d.batchSize();
        int inputs = d.inputs();
        List<Integer> widths = d.widths();
        List<String> types = d.types();
        int repeats = d.repeats();
        boolean reference = d.reference();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--reference")) {
                reference = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new InvariantLabException("benchmark option " + a + " needs a value");
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--pairs" -> pairs = Integer.parseInt(v);
                    case "--epochs" -> epochs = Integer.parseInt(v);
                    case "--batch" -> batch = Integer.parseInt(v);
                    case "--inputs" -> inputs = Integer.parseInt(v);
                    case "--repeats" -> repeats = Integer.parseInt(v);
                    case "--widths" -> widths = Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf)
                            .toList();
                    case "--types" -> types = Arrays.stream(v.split(",")).map(String::trim).toList();
                    default -> throw new InvariantLabException("unknown benchmark option " + a + "; known: --pairs, "
                            + "--epochs, --batch, --inputs, --widths, --types, --repeats, --reference");
                }
            } catch (NumberFormatException e) {
                throw new InvariantLabException("benchmark option " + a + ": not a number: " + v, e);
            }
        }
        return new Settings(pairs, epochs, batch, inputs, widths, types, repeats, reference);
    }
}
