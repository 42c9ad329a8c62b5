package org.invariantlab.core.train;

import java.util.List;
import java.util.Locale;
import org.invariantlab.api.InvalidInputException;

/**
 * How to train an encoder: Adam (Kingma &amp; Ba, ICLR 2015; β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸) on minibatches of
 * examples, with a per-epoch learning-rate schedule and optional early stopping.
 *
 * <p>Learning-rate schedules, for epoch {@code e = 0..E−1} (0-based) and base rate {@code η}:
 * <ul>
 *   <li>{@code cosine} (default; Loshchilov &amp; Hutter, "SGDR", ICLR 2017, without restarts):
 *       {@code η_e = η_min + (η − η_min)·(1 + cos(π e/(E−1)))/2} with {@code η_min = η/100}, so the first epoch
 *       runs at {@code η} and the last at {@code η/100};</li>
 *   <li>{@code constant}: {@code η_e = η};</li>
 *   <li>{@code step}: {@code η} for the first half of the epochs, {@code η/10} up to three quarters,
 *       {@code η/100} after that.</li>
 * </ul>
 * The same rate drives the network's Adam and the head parameters' Adam.
 *
 * @param encoder      the network's shape
 * @param epochs       passes over the training examples
 * @param batchSize    examples per step: pairs for pair examples, whole groups for group examples
 * @param learningRate base Adam step size {@code η}
 * @param schedule     {@code cosine}, {@code constant} or {@code step}
 * @param patience     stop when the validation loss has not improved for this many epochs; 0 never stops early
 * @param seed         seeds the weight initialisation, ND4J's random generator and the shuffling
 */
public record TrainingConfig(EncoderConfig encoder, int epochs, int batchSize, double learningRate, String schedule,
                             int patience, long seed) {

    /** Allowed learning-rate schedules. */
    public static final List<String> SCHEDULES = List.of("cosine", "constant", "step");

    /** The final learning rate of the decaying schedules, as a fraction of the base rate. */
    public static final double FINAL_FRACTION = 0.01;

    /** Largest accepted number of epochs. */
    public static final int MAX_EPOCHS = 1_000_000;

    /** Largest accepted batch size. */
    public static final int MAX_BATCH_SIZE = 1 << 20;

    public TrainingConfig {
        if (encoder == null) {
            throw new InvalidInputException("training option 'encoder' is missing");
        }
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new InvalidInputException("training option 'epochs' must be in [1, " + MAX_EPOCHS + "], got "
                    + epochs);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new InvalidInputException("training option 'batchSize' must be in [1, " + MAX_BATCH_SIZE + "], got "
                    + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidInputException("training option 'learningRate' must be a positive finite number, got "
                    + learningRate);
        }
        if (schedule == null || schedule.isBlank()) {
            throw new InvalidInputException("training option 'schedule' is missing; allowed: "
                    + String.join(", ", SCHEDULES));
        }
        String s = schedule.trim().toLowerCase(Locale.ROOT);
        if (!SCHEDULES.contains(s)) {
            throw new InvalidInputException("training option 'schedule': unknown value '" + schedule + "'; allowed: "
                    + String.join(", ", SCHEDULES));
        }
        schedule = s;
        if (patience < 0) {
            throw new InvalidInputException("training option 'patience' must be 0 (no early stopping) or positive, got "
                    + patience);
        }
    }

    /** The reference settings: default encoder, 80 epochs, batch 256, η = 10⁻³, cosine, no early stopping, seed 1. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(EncoderConfig.defaults(), 80, 256, 1e-3, "cosine", 0, 1L);
    }

    /** This configuration with another encoder. */
    public TrainingConfig withEncoder(EncoderConfig e) {
        return new TrainingConfig(e, epochs, batchSize, learningRate, schedule, patience, seed);
    }

    /** This configuration with another number of epochs. */
    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(encoder, n, batchSize, learningRate, schedule, patience, seed);
    }

    /** This configuration with another batch size. */
    public TrainingConfig withBatchSize(int n) {
        return new TrainingConfig(encoder, epochs, n, learningRate, schedule, patience, seed);
    }

    /** This configuration with another base learning rate. */
    public TrainingConfig withLearningRate(double eta) {
        return new TrainingConfig(encoder, epochs, batchSize, eta, schedule, patience, seed);
    }

    /** This configuration with another schedule. */
    public TrainingConfig withSchedule(String name) {
        return new TrainingConfig(encoder, epochs, batchSize, learningRate, name, patience, seed);
    }

    /** This configuration with another patience. */
    public TrainingConfig withPatience(int n) {
        return new TrainingConfig(encoder, epochs, batchSize, learningRate, schedule, n, seed);
    }

    /** This configuration with another seed. */
    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(encoder, epochs, batchSize, learningRate, schedule, patience, s);
    }

    /**
     * The learning rate of epoch {@code epoch} (0-based) under this schedule.
     *
     * @throws IllegalArgumentException if {@code epoch} is outside {@code [0, epochs)}
     */
    public double learningRateAt(int epoch) {
        if (epoch < 0 || epoch >= epochs) {
            throw new IllegalArgumentException("epoch " + epoch + " outside [0, " + epochs + ")");
        }
        double min = FINAL_FRACTION * learningRate;
        return switch (schedule) {
            case "constant" -> learningRate;
            case "cosine" -> epochs == 1 ? learningRate
                    : min + (learningRate - min) * 0.5 * (1.0 + Math.cos(Math.PI * epoch / (epochs - 1)));
            case "step" -> {
                double progress = (double) epoch / epochs;
                yield progress < 0.5 ? learningRate : progress < 0.75 ? 0.1 * learningRate : min;
            }
            default -> throw new IllegalStateException("unchecked schedule " + schedule);
        };
    }
}
