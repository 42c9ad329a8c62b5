package org.invariantlab.core.count;

import java.util.List;
import java.util.Locale;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.train.EncoderConfig;
import org.invariantlab.core.train.TrainingConfig;

/**
 * How {@code invariantlab count} trains and decides.
 *
 * <p>Defaults follow what an independent PyTorch implementation measured on this project's machine
 * (the PyTorch reference measured on 2026-12-01/02, not in this repository): constant Adam rate 10⁻³, batch 256, 64-64-64 SiLU; the
 * singular-value rule "count the mean singular values above 0.2" (observed gap: ≤ 0.10 against ≥ 0.67) and the
 * deflation rule "count the leading stages whose final loss is below 0.05" (observed: ≤ 1.6·10⁻² against
 * ≥ 0.17). States are taken along trajectories of the system (not uniformly in a box, where networks learn
 * functions conserved only within one passage through the box).
 *
 * @param method                 {@code svd}, {@code deflation}, {@code all} (both, and every installed counting
 *                               method) or the id of an installed {@link org.invariantlab.api.count.CountingMethod}
 *                               (e.g. {@code library-nullspace})
 * @param max                    outputs of the joint network and most deflation stages; 0 = the state dimension
 * @param epochs                 passes over the training states per network (steps = epochs·states/batch)
 * @param batchSize              states per step
 * @param learningRate           Adam step size at the start
 * @param schedule               learning-rate schedule per epoch: {@code constant}, {@code cosine} or {@code step}
 *                               ({@link TrainingConfig})
 * @param hidden                 hidden-layer widths
 * @param activation             hidden activation (smooth: swish, tanh, sigmoid, softplus, gelu or mish)
 * @param dataType               network precision: {@code float} (the fast kernel) or {@code double} (the reference)
 * @param trajectories           training trajectories (groups)
 * @param statesPerTrajectory    states per trajectory
 * @param seed                   master seed
 * @param nu                     weight of the orthogonality term of {@code gradient-orthogonality}
 * @param alpha                  exponent of the deflation denominator, {@code 0.5} or {@code 1}
 * @param singularValueTolerance the svd count's threshold on mean singular values
 * @param deflationTolerance     the deflation count's threshold on a stage's final loss
 * @param svdLoss                the {@link org.invariantlab.api.training.GradientLoss} svd trains its joint network
 *                               with (its stage plan must be {@code JOINT}); default {@value #SVD_LOSS}
 * @param deflationLoss          the {@link org.invariantlab.api.training.GradientLoss} deflation trains its stages with
 *                               (its stage plan must be {@code SEQUENTIAL}); default {@value #DEFLATION_LOSS}
 * @param interpreter            the {@link org.invariantlab.api.symbolic.SymbolicInterpreter} that reads counted
 *                               functions as formulas; default {@value #INTERPRETER}
 */
public record CountSettings(String method, int max, int epochs, int batchSize, double learningRate, String schedule,
                            List<Integer> hidden, String activation, String dataType, int trajectories, int statesPerTrajectory,
                            long seed, double nu, String alpha, double singularValueTolerance,
                            double deflationTolerance, String svdLoss, String deflationLoss, String interpreter) {

    /** The loss of svd's joint network unless another is named: AI Poincaré 2.0's gradient orthogonality. */
    public static final String SVD_LOSS = "gradient-orthogonality";
    /** The loss of deflation's stages unless another is named: Zhu, Zhang and Kevrekidis' neural deflation (plugin). */
    public static final String DEFLATION_LOSS = "neural-deflation";
    /** The reader of counted functions unless another is named. */
    public static final String INTERPRETER = "polynomial";

    /** The host's own methods; any other id names a plugin's {@link org.invariantlab.api.count.CountingMethod}. */
    public static final List<String> METHODS = List.of("svd", "deflation", "all");

    public CountSettings {
        method = method == null ? "" : method.trim().toLowerCase(Locale.ROOT);
        if (!METHODS.contains(method) && !method.matches(org.invariantlab.api.LabExtension.ID_PATTERN)) {
            throw new InvalidInputException("unknown counting method '" + method + "'; use svd, deflation, all or the id "
                    + "of an installed counting method (invariantlab extensions lists them)");
        }
        if (max < 0 || max > 64) {
            throw new InvalidInputException("--max must be between 1 and 64 (0 = the state dimension), got " + max);
        }
        if (epochs < 1 || batchSize < 1 || trajectories < 2) {
            throw new InvalidInputException("--epochs and --batch-size must be positive and --trajectories at least 2");
        }
        if (statesPerTrajectory < 2) {
            throw new InvalidInputException("--states-per-trajectory must be at least 2, got " + statesPerTrajectory
                    + ": a spread along a trajectory, which decides what is conserved, needs two states or more "
                    + "(with one, every function would look conserved)");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidInputException("--learning-rate must be a positive number, got " + learningRate);
        }
        schedule = schedule == null ? "" : schedule.trim().toLowerCase(Locale.ROOT);
        if (!TrainingConfig.SCHEDULES.contains(schedule)) {
            throw new InvalidInputException("--schedule must be one of " + String.join(", ", TrainingConfig.SCHEDULES)
                    + ", got '" + schedule + "'");
        }
        if (!List.of("0.5", "1").contains(alpha)) {
            throw new InvalidInputException("--alpha must be 0.5 or 1, got " + alpha);
        }
        if (!(singularValueTolerance > 0 && singularValueTolerance < 1)
                || !(deflationTolerance > 0 && Double.isFinite(deflationTolerance))) {
            throw new InvalidInputException("the count thresholds must be positive (the singular-value one below 1)");
        }
        if (!(nu >= 0) || !Double.isFinite(nu)) {
            throw new InvalidInputException("--nu must be a non-negative number, got " + nu);
        }
        svdLoss = extensionId(svdLoss, SVD_LOSS, "--svd-loss");
        deflationLoss = extensionId(deflationLoss, DEFLATION_LOSS, "--deflation-loss");
        interpreter = extensionId(interpreter, INTERPRETER, "--interpreter");
        hidden = List.copyOf(hidden);
        dataType = dataType == null ? "" : dataType.trim().toLowerCase(Locale.ROOT);
        if (!List.of("float", "double").contains(dataType)) {
            throw new InvalidInputException("--precision must be float or double, got '" + dataType + "'");
        }
        activation = activation == null ? "" : activation.trim().toLowerCase(Locale.ROOT);
        if (!EncoderConfig.SECOND_ORDER_ACTIVATIONS.contains(activation)) {
            throw new InvalidInputException("--activation " + activation + " has no second derivative or is unknown; "
                    + "counting trains on input gradients and needs one of "
                    + String.join(", ", EncoderConfig.SECOND_ORDER_ACTIVATIONS));
        }
    }

    /**
     * The measured defaults: both methods, K = d, 150 epochs of 512 trajectories × 8 states (on the isotropic
     * oscillator, 64 trajectories × 64 states left a validation gap and a fourth singular value of 0.22; 512 × 8
     * reached the tight-frame loss 0.111 and 0.0075).
     */
    public static CountSettings defaults() {
        return new CountSettings("all", 0, 150, 256, 1e-3, "constant", List.of(64, 64, 64), "swish", "float", 512, 8, 1, 1.0, "1", 0.2,
                0.05, SVD_LOSS, DEFLATION_LOSS, INTERPRETER);
    }

    /** The same settings with the grid's seed and size ({@code trajectories ≤ 0}: as set). */
    public CountSettings withSeed(long newSeed, int newTrajectories) {
        return new CountSettings(method, max, epochs, batchSize, learningRate, schedule, hidden, activation, dataType,
                newTrajectories > 0 ? newTrajectories : trajectories, statesPerTrajectory, newSeed, nu, alpha,
                singularValueTolerance, deflationTolerance, svdLoss, deflationLoss, interpreter);
    }

    private static String extensionId(String id, String fallback, String option) {
        String v = id == null || id.isBlank() ? fallback : id.trim();
        if (!v.matches(org.invariantlab.api.LabExtension.ID_PATTERN)) {
            throw new InvalidInputException(option + " must be an extension id (lower case, e.g. " + fallback + "), got '"
                    + v + "'");
        }
        return v;
    }

    public boolean svd() {
        return method.equals("svd") || method.equals("all");
    }

    public boolean deflation() {
        return method.equals("deflation") || method.equals("all");
    }

    /** Whether the method names a plugin's counting method rather than one of {@link #METHODS}. */
    public boolean plugin() {
        return !METHODS.contains(method);
    }
}
