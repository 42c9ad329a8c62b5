package org.invariantlab.core.train;

import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.weights.WeightInit;
import org.invariantlab.api.InvalidInputException;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Shape of the encoder network {@code f: R^d → R^k}: a multilayer perceptron
 * <pre>
 *   h_0 = u = (x − μ)/σ                       (standardised input, see {@link Standardization})
 *   h_l = φ(h_{l−1} W_l + b_l),  l = 1..L      (hidden layers of the given widths)
 *   f(x) = h_L W_{L+1} + b_{L+1}               (linear output layer of width k)
 * </pre>
 * with activation {@code φ}. The defaults follow what trained reliably in the project's reference runs
 * (methods notes §7): three hidden layers of 64, the smooth non-odd SiLU/swish {@code φ(a) = a·σ(a)}
 * (Ramachandran, Zoph, Le, arXiv:1710.05941; Elfwing, Uchibe, Doya, Neural Networks 107, 3 (2018)), He
 * initialisation (He, Zhang, Ren, Sun, ICCV 2015) and single precision. {@code tanh} is allowed but, being odd,
 * it stalled on the even invariants of the reference problems.
 *
 * <p>Options are case-insensitive strings so that front ends can pass user input through; they are stored
 * lower-case. Every invalid value raises an {@link InvalidInputException} (a usage error) naming the option and the
 * allowed values.
 *
 * @param hiddenWidths widths of the hidden layers, in order (may be empty: a linear encoder)
 * @param activation   hidden activation: one of {@link #ACTIVATIONS}
 * @param latentSize   number {@code k} of outputs (latent dimensions)
 * @param weightInit   weight initialisation: {@code he} (normal, variance 2/fan-in) or {@code xavier}
 * @param dataType     network precision: {@code float} or {@code double}
 */
public record EncoderConfig(List<Integer> hiddenWidths, String activation, int latentSize, String weightInit,
                            String dataType) {

    /** Allowed activations. */
    public static final List<String> ACTIVATIONS = List.of("swish", "tanh", "relu", "softplus", "sigmoid", "gelu",
            "mish");

    /**
     * The activations with a second derivative, which training on input gradients needs ({@code relu} has none);
     * {@code ActivationFunction} implements exactly these.
     */
    public static final List<String> SECOND_ORDER_ACTIVATIONS = List.of("swish", "tanh", "sigmoid", "softplus", "gelu",
            "mish");

    /** Allowed weight initialisations. */
    public static final List<String> WEIGHT_INITS = List.of("he", "xavier");

    /** Allowed precisions. */
    public static final List<String> DATA_TYPES = List.of("float", "double");

    /** Largest accepted layer width. */
    public static final int MAX_WIDTH = 4096;

    /** Largest accepted number of hidden layers. */
    public static final int MAX_HIDDEN_LAYERS = 32;

    /** Largest accepted latent size. */
    public static final int MAX_LATENT_SIZE = 64;

    public EncoderConfig {
        if (hiddenWidths == null) {
            throw new InvalidInputException("encoder option 'hiddenWidths' is missing; give the widths of the hidden "
                    + "layers, e.g. 64,64,64");
        }
        if (hiddenWidths.size() > MAX_HIDDEN_LAYERS) {
            throw new InvalidInputException("encoder option 'hiddenWidths': " + hiddenWidths.size()
                    + " hidden layers is more than the supported " + MAX_HIDDEN_LAYERS);
        }
        for (Integer w : hiddenWidths) {
            if (w == null || w < 1 || w > MAX_WIDTH) {
                throw new InvalidInputException("encoder option 'hiddenWidths': every width must be an integer in [1, "
                        + MAX_WIDTH + "], got " + hiddenWidths);
            }
        }
        hiddenWidths = List.copyOf(hiddenWidths);
        activation = choice("activation", activation, ACTIVATIONS);
        if (latentSize < 1 || latentSize > MAX_LATENT_SIZE) {
            throw new InvalidInputException("encoder option 'latentSize' must be in [1, " + MAX_LATENT_SIZE + "], got "
                    + latentSize);
        }
        weightInit = choice("weightInit", weightInit, WEIGHT_INITS);
        dataType = choice("dataType", dataType, DATA_TYPES);
    }

    /** Three hidden layers of 64, swish, one latent, He initialisation, single precision. */
    public static EncoderConfig defaults() {
        return new EncoderConfig(List.of(64, 64, 64), "swish", 1, "he", "float");
    }

    /** This configuration with other hidden widths. */
    public EncoderConfig withHiddenWidths(List<Integer> widths) {
        return new EncoderConfig(widths, activation, latentSize, weightInit, dataType);
    }

    /** This configuration with another activation. */
    public EncoderConfig withActivation(String name) {
        return new EncoderConfig(hiddenWidths, name, latentSize, weightInit, dataType);
    }

    /** This configuration with another latent size. */
    public EncoderConfig withLatentSize(int k) {
        return new EncoderConfig(hiddenWidths, activation, k, weightInit, dataType);
    }

    /** This configuration with another weight initialisation. */
    public EncoderConfig withWeightInit(String name) {
        return new EncoderConfig(hiddenWidths, activation, latentSize, name, dataType);
    }

    /** This configuration with another precision. */
    public EncoderConfig withDataType(String name) {
        return new EncoderConfig(hiddenWidths, activation, latentSize, weightInit, name);
    }

    /** The DL4J activation of the hidden layers; {@code gelu} is DL4J's default, {@code a·σ(1.702a)}. */
    public Activation dl4jActivation() {
        return switch (activation) {
            case "swish" -> Activation.SWISH;
            case "tanh" -> Activation.TANH;
            case "relu" -> Activation.RELU;
            case "softplus" -> Activation.SOFTPLUS;
            case "sigmoid" -> Activation.SIGMOID;
            case "gelu" -> Activation.GELU;
            case "mish" -> Activation.MISH;
            default -> throw new IllegalStateException("unchecked activation " + activation);
        };
    }

    /**
     * The DL4J weight initialisation: {@code he} is {@link WeightInit#RELU}, normal with variance
     * {@code 2/fan_in} (He et al. 2015; appropriate for ReLU-like activations such as swish);
     * {@code xavier} is {@link WeightInit#XAVIER}, normal with variance {@code 2/(fan_in + fan_out)} (Glorot &amp;
     * Bengio, AISTATS 2010). Biases start at zero.
     */
    public WeightInit dl4jWeightInit() {
        return "he".equals(weightInit) ? WeightInit.RELU : WeightInit.XAVIER;
    }

    /** The ND4J data type of the network's parameters and activations. */
    public DataType dl4jDataType() {
        return "double".equals(dataType) ? DataType.DOUBLE : DataType.FLOAT;
    }

    private static String choice(String option, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("encoder option '" + option + "' is missing; allowed: "
                    + String.join(", ", allowed));
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new InvalidInputException("encoder option '" + option + "': unknown value '" + value + "'; allowed: "
                    + String.join(", ", allowed));
        }
        return v;
    }
}
