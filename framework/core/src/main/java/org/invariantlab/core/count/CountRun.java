package org.invariantlab.core.count;

import java.util.List;
import java.util.Objects;
import org.invariantlab.core.train.GradientTrainer;

/**
 * A finished count: what it found ({@link CountResult}, written as {@code count.json}) and the networks it trained,
 * for saving and plotting.
 *
 * @param result   the counts and their evidence
 * @param networks every trained network in training order: {@code svd}, then {@code deflation-bracket-k} and
 *                 {@code deflation-plain-k} per stage
 */
public record CountRun(CountResult result, List<Network> networks) {

    public CountRun {
        Objects.requireNonNull(result, "result");
        networks = List.copyOf(networks);
    }

    /**
     * One trained network.
     *
     * @param name  its name, also its folder under {@code networks/}
     * @param stage the trained network with its loss history
     */
    public record Network(String name, GradientTrainer.Stage stage) {
        public Network {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(stage, "stage");
        }
    }
}
