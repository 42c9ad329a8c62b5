package org.invariantlab.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.core.io.AtomicFiles;
import org.invariantlab.core.io.DeterministicZip;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A learned encoder {@code f: R^d → R^k}: a DL4J {@link MultiLayerNetwork} (see {@link EncoderConfig}) and
 * the {@link Standardization} of its inputs, {@code f(x) = net((x − μ)/σ)}. All methods take raw states.
 *
 * <p>Batch methods ({@link #latents}, {@link #inputGradients}) run the DL4J network; they are synchronized,
 * because a DL4J network keeps per-call state. {@link #field} returns a pointwise {@link ScalarField} backed
 * by an immutable double-precision copy of the weights, which is thread-safe and fast for one state at a
 * time (scoring, symbolic interpretation).
 *
 * <p>An encoder owns its network; nothing else mutates it. {@link #copy()} is a deep copy.
 *
 * <p>Files: {@link #save} writes {@value #MODEL_FILE} (DL4J {@link ModelSerializer}, without updater state)
 * and {@value #STANDARDIZATION_FILE}, each atomically (temporary file in the same folder, then a rename).
 */
public final class Encoder {

    /** The network file inside a saved encoder's folder. */
    public static final String MODEL_FILE = "model.zip";

    /** The standardisation file inside a saved encoder's folder. */
    public static final String STANDARDIZATION_FILE = "standardization.json";

    /** Rows per ND4J call in the batch methods, bounding memory for large inputs. */
    static final int CHUNK_ROWS = 16_384;

    private final MultiLayerNetwork net;
    private final Standardization standardization;
    private final int inputs;
    private final int outputs;
    private volatile DenseFunction function;

    /**
     * Wraps {@code net}, which the encoder then owns: callers must not use or mutate it afterwards.
     *
     * @throws IllegalArgumentException if the standardisation does not match the network's input size
     */
    Encoder(MultiLayerNetwork net, Standardization standardization) {
        this.net = Objects.requireNonNull(net, "net");
        this.standardization = Objects.requireNonNull(standardization, "standardization");
        this.inputs = (int) net.getLayer(0).getParam("W").size(0);
        this.outputs = (int) net.getLayer(net.getnLayers() - 1).getParam("W").size(1);
        if (standardization.dimension() != inputs) {
            throw new IllegalArgumentException("standardisation has " + standardization.dimension()
                    + " inputs, the network " + inputs);
        }
    }

    /**
     * A new, untrained encoder with freshly initialised weights.
     *
     * @param seed seeds the weight initialisation; the same seed gives the same weights
     */
    public static Encoder create(EncoderConfig config, Standardization standardization, long seed) {
        return new Encoder(network(config, standardization.dimension(), seed), standardization);
    }

    /**
     * Builds and initialises the DL4J network: dense hidden layers with the configured activation, and a
     * dense identity output layer (not an {@code OutputLayer}: the loss lives in the head). The configured
     * updater is informational only; {@link Trainer} runs its own Adam on the flattened parameters.
     */
    static MultiLayerNetwork network(EncoderConfig config, int inputs, long seed) {
        if (inputs < 1) {
            throw new IllegalArgumentException("an encoder needs at least one input");
        }
        DataType type = config.dl4jDataType();
        Nd4j.getRandom().setSeed(seed);
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(type)
                .weightInit(config.dl4jWeightInit())
                .activation(config.dl4jActivation())
                .updater(new Adam())
                .list();
        int previous = inputs;
        for (int width : config.hiddenWidths()) {
            list.layer(new DenseLayer.Builder().nIn(previous).nOut(width).activation(config.dl4jActivation()).build());
            previous = width;
        }
        list.layer(new DenseLayer.Builder().nIn(previous).nOut(config.latentSize()).activation(Activation.IDENTITY)
                .build());
        MultiLayerNetwork n = new MultiLayerNetwork(list.build());
        n.init();
        return n;
    }

    /** Number of inputs {@code d}. */
    public int inputSize() {
        return inputs;
    }

    /** Number of latents {@code k}. */
    public int latentSize() {
        return outputs;
    }

    /** The input standardisation. */
    public Standardization standardization() {
        return standardization;
    }

    /** The network's precision, {@code float} or {@code double}. */
    public String dataType() {
        return net.params().dataType() == DataType.DOUBLE ? "double" : "float";
    }

    /** The network; for the trainer and tests in this package, which must not mutate it. */
    MultiLayerNetwork network() {
        return net;
    }

    /**
     * Latents of many states.
     *
     * @param states {@code n·d} values, row-major
     * @return {@code n·k} latents, row-major
     */
    public synchronized double[] latents(double[] states) {
        return latentsOfStandardized(net, standardization.apply(checkStates(states)), inputs);
    }

    /**
     * Runs {@code net} in inference mode on standardised rows {@code u} ({@code n × d}), in chunks.
     *
     * @return {@code n·k} outputs, row-major
     */
    static double[] latentsOfStandardized(MultiLayerNetwork net, double[] u, int d) {
        int n = u.length / d;
        int k = (int) net.getLayer(net.getnLayers() - 1).getParam("W").size(1);
        DataType type = net.params().dataType();
        double[] out = new double[n * k];
        HostCopy copy = new HostCopy();
        double[] chunk = new double[Math.min(n, CHUNK_ROWS) * Math.max(d, k)];
        for (int from = 0; from < n; from += CHUNK_ROWS) {
            int rows = Math.min(CHUNK_ROWS, n - from);
            System.arraycopy(u, from * d, chunk, 0, rows * d);
            INDArray x = HostCopy.create(type, rows, d);
            copy.write(x, chunk, rows * d);
            INDArray z = dense(net.output(x, false));
            copy.read(z, chunk, rows * k);
            System.arraycopy(chunk, 0, out, from * k, rows * k);
        }
        return out;
    }

    /**
     * Gradients of latent {@code output} with respect to the raw input, one per state, by back-propagation
     * through the DL4J network of a one-hot output gradient ({@code backpropGradient(e_output)} gives
     * {@code ∂f/∂u}), then the chain rule through the standardisation: {@code ∂f/∂x_j = (∂f/∂u_j)/σ_j}.
     *
     * @param states {@code n·d} values, row-major
     * @return {@code n·d} values: row {@code i} is {@code ∇ₓ f_output(x_i)}
     */
    public synchronized double[] inputGradients(double[] states, int output) {
        checkOutput(output);
        double[] u = standardization.apply(checkStates(states));
        int d = inputs;
        int n = u.length / d;
        DataType type = net.params().dataType();
        double[] out = new double[n * d];
        HostCopy copy = new HostCopy();
        double[] chunk = new double[Math.min(n, CHUNK_ROWS) * d];
        try {
            for (int from = 0; from < n; from += CHUNK_ROWS) {
                int rows = Math.min(CHUNK_ROWS, n - from);
                System.arraycopy(u, from * d, chunk, 0, rows * d);
                INDArray x = HostCopy.create(type, rows, d);
                copy.write(x, chunk, rows * d);
                net.setInput(x);
                net.feedForward(false, false);
                INDArray seed = Nd4j.zeros(type, rows, outputs);
                seed.getColumn(output).assign(1.0);
                INDArray du = dense(net.backpropGradient(seed, LayerWorkspaceMgr.noWorkspaces()).getSecond());
                copy.read(du, chunk, rows * d);
                for (int i = 0; i < rows * d; i++) {
                    out[from * d + i] = chunk[i] / standardization.std(i % d);
                }
            }
        } finally {
            net.clear();
        }
        return out;
    }

    /**
     * Latent {@code output} as a pointwise function of the raw state, value and analytic gradient, computed
     * in double precision from a copy of the weights. Thread-safe; agrees with {@link #latents} and
     * {@link #inputGradients} to the network's rounding.
     */
    public ScalarField field(int output) {
        checkOutput(output);
        DenseFunction f = function;
        if (f == null) {
            synchronized (this) {
                f = function;
                if (f == null) {
                    f = new DenseFunction(net, standardization);
                    function = f;
                }
            }
        }
        return f.field(output);
    }

    /** A deep copy: its own network parameters, same standardisation. */
    public synchronized Encoder copy() {
        return new Encoder(net.clone(), standardization);
    }

    /**
     * Writes {@value #MODEL_FILE} and {@value #STANDARDIZATION_FILE} into {@code dir} (created if missing),
     * each atomically, replacing earlier files of the same names.
     *
     * @throws UncheckedIOException if a file cannot be written
     */
    public synchronized void save(Path dir) {
        AtomicFiles.writeFile(dir.resolve(MODEL_FILE), tmp -> {
            ModelSerializer.writeModel(net, tmp.toFile(), false);
            DeterministicZip.normalize(tmp); // same network, same bytes: fixed entry times and order
        }, true);
        AtomicFiles.writeString(dir.resolve(STANDARDIZATION_FILE), standardization.toJson(), true);
    }

    /**
     * Reads an encoder written by {@link #save}. The result computes exactly the same latents.
     *
     * @throws InvariantLabException naming the file if one is missing or unreadable
     */
    public static Encoder load(Path dir) {
        Path model = dir.resolve(MODEL_FILE);
        Path stdFile = dir.resolve(STANDARDIZATION_FILE);
        for (Path p : new Path[] {model, stdFile}) {
            if (!Files.isRegularFile(p)) {
                throw new InvariantLabException(p + " is missing; a saved encoder folder holds " + MODEL_FILE + " and "
                        + STANDARDIZATION_FILE);
            }
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new org.invariantlab.api.InvalidInputException(model + " is damaged or not a model written by "
                    + "InvariantLab (it cannot be unpacked and read); run again to write a new one", e);
        }
        Standardization standardization;
        try {
            standardization = Standardization.fromJson(Files.readString(stdFile, StandardCharsets.UTF_8),
                    stdFile.toString());
        } catch (IOException e) {
            throw new InvariantLabException("cannot read " + stdFile + ": "
                    + org.invariantlab.core.io.IoErrors.describe(e, stdFile), e);
        }
        try {
            return new Encoder(net, standardization);
        } catch (IllegalArgumentException e) {
            throw new InvariantLabException(dir + ": " + e.getMessage(), e);
        }
    }

    private double[] checkStates(double[] states) {
        Objects.requireNonNull(states, "states");
        if (states.length % inputs != 0) {
            throw new IllegalArgumentException(states.length + " values are not whole states of dimension " + inputs);
        }
        return states;
    }

    private void checkOutput(int output) {
        if (output < 0 || output >= outputs) {
            throw new IndexOutOfBoundsException("latent " + output + " outside [0, " + outputs + ")");
        }
    }

    /** {@code a} itself if it is a dense C-ordered array at offset 0, else a dense copy. */
    private static INDArray dense(INDArray a) {
        return a.isView() || a.ordering() != 'c' || a.offset() != 0 ? a.dup('c') : a;
    }

    @Override
    public String toString() {
        return "Encoder[" + inputs + " → " + outputs + ", " + dataType() + ", " + net.getnLayers() + " layers]";
    }
}
