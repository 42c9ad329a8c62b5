package org.invariantlab.core.train;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Trainer#train}.
 *
 * @param encoder           the best encoder (lowest validation loss; lowest training loss without validation), a
 *                          deep copy taken at the end of its epoch
 * @param theta             the head parameters at that epoch
 * @param history           one entry per completed epoch
 * @param bestEpoch         1-based epoch of {@code encoder}
 * @param seconds           wall time of the whole training call
 * @param examplesPerSecond training examples (pairs, or groups) processed per second of training steps, over
 *                          all epochs; validation and bookkeeping excluded
 * @param stopReason        {@code completed}, {@code early-stopped}, or {@code diverged: …} saying where
 */
public record TrainingResult(Encoder encoder, double[] theta, List<EpochStats> history, int bestEpoch, double seconds,
                             double examplesPerSecond, String stopReason) {

    /** Stop reason of a run that went through all epochs. */
    public static final String COMPLETED = "completed";

    /** Stop reason of a run stopped by its patience. */
    public static final String EARLY_STOPPED = "early-stopped";

    /** Prefix of the stop reason of a run stopped by a non-finite loss or gradient. */
    public static final String DIVERGED = "diverged";

    public TrainingResult {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(theta, "theta");
        Objects.requireNonNull(stopReason, "stopReason");
        theta = theta.clone();
        history = List.copyOf(history);
    }

    @Override
    public double[] theta() {
        return theta.clone();
    }

    /** The history entry of the best epoch. */
    public EpochStats best() {
        return history.get(bestEpoch - 1);
    }

    /** Whether training stopped on a non-finite loss or gradient. */
    public boolean diverged() {
        return stopReason.startsWith(DIVERGED);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingResult r && r.encoder == encoder && Arrays.equals(r.theta, theta)
                && r.history.equals(history) && r.bestEpoch == bestEpoch && Double.compare(r.seconds, seconds) == 0
                && Double.compare(r.examplesPerSecond, examplesPerSecond) == 0 && r.stopReason.equals(stopReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(encoder, Arrays.hashCode(theta), history, bestEpoch, seconds, examplesPerSecond,
                stopReason);
    }

    @Override
    public String toString() {
        return "TrainingResult[" + encoder + ", theta=" + Arrays.toString(theta) + ", " + history.size()
                + " epochs, best " + bestEpoch + ", " + seconds + " s, " + examplesPerSecond + " examples/s, "
                + stopReason + "]";
    }
}
