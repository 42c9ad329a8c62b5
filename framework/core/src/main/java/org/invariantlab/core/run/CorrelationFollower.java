package org.invariantlab.core.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.core.score.CorrelationTrack;
import org.invariantlab.core.train.EpochStats;
import org.invariantlab.core.train.TrainingListener;

/**
 * Follows the test states' |Pearson r| with the true invariants during training ({@code training.trackEvery}): every
 * {@code every}-th epoch and the last (also when training stops early), the network as it then is on the run's test
 * states ({@link CorrelationTrack}). The run keeps its model by the validation loss as always; the highest followed
 * value is the figure Ha &amp; Jeong's saved models report as {@code best_corr} (the largest test |r| over the epochs,
 * chosen on the test states, hence optimistic).
 */
final class CorrelationFollower implements TrainingListener {

    private final TrainingListener next;
    private final int every;
    private final CorrelationTrack track;
    private final double[] states;
    private final List<Integer> epochs = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();

    private CorrelationFollower(TrainingListener next, int every, CorrelationTrack track) {
        this.next = next;
        this.every = every;
        this.track = track;
        this.states = track.states();
    }

    /**
     * A follower that passes every epoch on to {@code next}.
     *
     * @throws InvalidInputException when no true invariant varies on the test states
     */
    static CorrelationFollower of(TrainingListener next, int every, SystemModel model, GroupedData test) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be positive, got " + every);
        }
        checkTruth(model, every);
        try {
            return new CorrelationFollower(next, every, CorrelationTrack.of(model, test));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("training.trackEvery: " + e.getMessage() + ", so there is no correlation to "
                    + "follow; leave trackEvery at 0");
        }
    }

    /**
     * Refuses following without a true invariant to follow, before any work.
     *
     * @throws InvalidInputException when {@code every > 0} and the model declares no invariant
     */
    static void checkTruth(SystemModel model, int every) {
        if (every > 0 && model.invariants().isEmpty()) {
            throw new InvalidInputException("training.trackEvery follows the correlation with the true invariants, and "
                    + "these data declare none: for a data file give one with --truth NAME=EXPR, or leave trackEvery "
                    + "at 0");
        }
    }

    @Override
    public void epochCompleted(EpochStats stats) {
        next.epochCompleted(stats);
    }

    @Override
    public void epochNetwork(EpochStats stats, Network network, boolean last) {
        next.epochNetwork(stats, network, last);
        if (stats.epoch() % every != 0 && !last) {
            return;
        }
        double[] z = network.latents(states);
        epochs.add(stats.epoch());
        values.add(track.absR(z, z.length / track.stateCount()));
    }

    /** Per invariant, the highest followed value (empty when no epoch was followed). */
    Map<String, CorrelationTrack.Peak> peaks() {
        Map<String, CorrelationTrack.Peak> out = new LinkedHashMap<>();
        List<String> names = track.names();
        for (int a = 0; a < names.size(); a++) {
            int best = -1;
            for (int e = 0; e < epochs.size(); e++) {
                if (best < 0 || values.get(e)[a] > values.get(best)[a]) {
                    best = e;
                }
            }
            if (best >= 0) {
                out.put(names.get(a), new CorrelationTrack.Peak(epochs.get(best), values.get(best)[a]));
            }
        }
        return out;
    }

    /** {@code epoch,abs_r_<invariant>,…}, one line per followed epoch. */
    String csv() {
        StringBuilder sb = new StringBuilder("epoch");
        for (String name : track.names()) {
            sb.append(",abs_r_").append(name);
        }
        sb.append('\n');
        for (int e = 0; e < epochs.size(); e++) {
            sb.append(epochs.get(e));
            for (double v : values.get(e)) {
                sb.append(String.format(Locale.ROOT, ",%.6f", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
