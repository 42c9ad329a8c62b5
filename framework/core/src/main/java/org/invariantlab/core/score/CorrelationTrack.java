package org.invariantlab.core.score;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SystemModel;

/**
 * The correlation of a network's latents with the true invariants on fixed test states, cheap enough to measure
 * during training: the states (the same selection as {@link Scorer#correlations}) and the invariants' values there are
 * computed once, and each measurement is one pass of the network over the states and, per varying invariant {@code C},
 * <pre>
 *   |r|(C) = max_j |Pearson(f_j, C)|,
 * </pre>
 * the best of the {@code k} latents, as {@link Scorer#correlations} matches them. Ha &amp; Jeong's code measures this
 * after every epoch on its test states, and their saved models report the largest value over the epochs as
 * {@code best_corr} (S. Ha, H. Jeong, Phys. Rev. Research 3, L042035 (2021); nokpil/ConservNet); followed here, the
 * highest value is that figure — optimistic, because the test states choose the epoch.
 */
public final class CorrelationTrack {

    /**
     * The highest followed |r| of one invariant over a training.
     *
     * @param epoch 1-based epoch where it was reached (the first, on ties)
     * @param absR  the value
     */
    public record Peak(@JsonProperty("epoch") int epoch, @JsonProperty("abs_r") double absR) {
    }

    private final double[] states;
    private final List<String> names;
    private final double[][] truth;

    private CorrelationTrack(double[] states, List<String> names, double[][] truth) {
        this.states = states;
        this.names = names;
        this.truth = truth;
    }

    /**
     * The test states of {@code data} (at most {@link Scorer#MAX_CORRELATION_STATES}, whole groups) with the values of
     * the model's invariants that vary there.
     *
     * @throws IllegalArgumentException when no declared invariant varies on the data (nothing to correlate with)
     */
    public static CorrelationTrack of(SystemModel model, GroupedData data) {
        ScoredStates st = Scorer.correlationStates(model, data);
        int n = st.size();
        int d = st.dimension;
        double[] flat = new double[n * d];
        for (int s = 0; s < n; s++) {
            System.arraycopy(st.states[s], 0, flat, s * d, d);
        }
        List<String> names = new ArrayList<>();
        List<double[]> truth = new ArrayList<>();
        for (int a : st.varying()) {
            names.add(st.invariants.get(a).name());
            truth.add(st.invariantValues[a]);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no true invariant varies on the test states");
        }
        return new CorrelationTrack(flat, List.copyOf(names), truth.toArray(double[][]::new));
    }

    /** The test states, {@code n·d} values row-major (a copy). */
    public double[] states() {
        return states.clone();
    }

    /** How many test states there are. */
    public int stateCount() {
        return truth[0].length;
    }

    /** The invariants followed, in the order of {@link #absR}'s values. */
    public List<String> names() {
        return names;
    }

    /**
     * @param latents {@code n·k} latents of {@link #states()}, row-major
     * @param k       latents per state
     * @return per invariant of {@link #names()}, the largest |Pearson r| over the latents
     */
    public double[] absR(double[] latents, int k) {
        int n = truth[0].length;
        if (k < 1 || latents.length != n * k) {
            throw new IllegalArgumentException(latents.length + " latents are not " + n + " states × k");
        }
        double[] out = new double[names.size()];
        double[] f = new double[n];
        for (int j = 0; j < k; j++) {
            for (int s = 0; s < n; s++) {
                f[s] = latents[s * k + j];
            }
            for (int a = 0; a < out.length; a++) {
                double r = Math.abs(Scorer.pearson(f, truth[a]));
                if (Double.isFinite(r) && r > out[a]) {
                    out[a] = r;
                }
            }
        }
        return out;
    }
}
