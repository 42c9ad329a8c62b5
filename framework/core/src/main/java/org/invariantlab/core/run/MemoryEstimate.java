package org.invariantlab.core.run;

import java.util.Locale;
import org.invariantlab.api.InvariantLabException;

/**
 * The JVM heap a run needs, estimated from its sizes before any work, so that a run that cannot fit is refused
 * at once instead of failing with {@link OutOfMemoryError} after minutes of sampling.
 *
 * <p>What is counted (8-byte doubles): for each of the training, validation and test splits of {@code G}
 * groups of {@code m} states of dimension {@code d}, the states ({@code G·m·d}), the {@code n = 2·G·P} pairs
 * ({@code n·(2d + 1)}, {@code P} positive pairs per group) and the sampler's index arrays ({@code 20·n} bytes);
 * the trainer's standardised copy of the training and validation pairs ({@code n·2d}); the scorer's per-state
 * gradients on the test states ({@code (k + I + 2)·(8d + 24)} bytes per state for {@code k} latents and
 * {@code I} true invariants); the network's parameters with their gradient, Adam moments and copies, and one
 * batch of activations. The sum is multiplied by {@value #HEADROOM} for object headers, temporary copies of
 * systems while sampling and garbage-collector headroom. ND4J's native (off-heap) buffers are not counted: they
 * are small for these networks.
 *
 * @param bytes   the estimated peak heap use
 * @param details the main terms, for the message
 */
public record MemoryEstimate(long bytes, String details) {

    /** Factor on the counted arrays. */
    public static final double HEADROOM = 1.5;

    /**
     * The estimate for {@code spec}.
     *
     * @param dimension     state variables per state
     * @param invariants    true invariants of the system
     * @param pairsPerGroup positive pairs per group made by the sampler (and as many negatives)
     */
    /** Nothing to estimate (a data file's readers check the memory themselves, from the file). */
    public static MemoryEstimate none() {
        return new MemoryEstimate(0, "nothing beyond the data file");
    }

    public static MemoryEstimate of(RunSpec spec, int dimension, int invariants, long pairsPerGroup) {
        RunSpec.Data data = spec.data();
        RunSpec.Training t = spec.training();
        long d = dimension;
        long m = data.perGroup();
        long k = t.latentSize();
        double total = 0;
        long trainPairs = 2L * data.trainGroups() * pairsPerGroup;
        for (long groups : new long[] {data.trainGroups(), data.validationGroups(), data.testGroups()}) {
            long n = 2 * groups * pairsPerGroup;
            total += 8.0 * groups * m * d + 8.0 * n * (2 * d + 1) + 20.0 * n;
        }
        total += 8.0 * 2 * d * 2 * (data.trainGroups() + data.validationGroups()) * pairsPerGroup;
        total += (double) data.testGroups() * m * (k + invariants + 2) * (8 * d + 24);
        long params = 0;
        long width = d;
        long activations = 0;
        for (int h : t.hidden()) {
            params += width * h + h;
            activations += h;
            width = h;
        }
        params += width * k + k;
        total += 8.0 * 6 * params + 8.0 * 4 * 2 * t.batchSize() * (activations + d + k);
        long bytes = (long) Math.min(Long.MAX_VALUE, HEADROOM * total);
        String details = String.format(Locale.ROOT, "%d training groups × %d states × %d variables, %d training pairs",
                data.trainGroups(), m, d, trainPairs);
        return new MemoryEstimate(bytes, details);
    }

    /** Heap the JVM may still take: its maximum minus what is in use now. */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Refuses the run if it will not fit into {@code available} bytes.
     *
     * @throws InvariantLabException saying how much is needed and what to change
     */
    public void check(long available) {
        if (bytes > available) {
            throw new InvariantLabException(String.format(Locale.ROOT, "this run needs about %s of memory (%s) but"
                    + " Java may use only %s; use fewer groups (--train-groups, --validation-groups, --test-groups,"
                    + " --per-group) or give Java more memory, e.g. JAVA_OPTS=-Xmx%dg", size(bytes), details,
                    size(available), (long) Math.ceil((bytes + (Runtime.getRuntime().maxMemory() - available)) / 1e9 * 1.1)));
        }
    }

    /** {@code bytes} in MB or GB, one decimal. */
    static String size(long bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
}
