package org.invariantlab.core.train;

/** Receives progress from {@link Trainer#train}, on the training thread, once per completed epoch. */
@FunctionalInterface
public interface TrainingListener {

    /** Called after each epoch's validation; an exception thrown here aborts training. */
    void epochCompleted(EpochStats stats);

    /**
     * Called after {@link #epochCompleted} with the network as it is after that epoch, for a caller that follows more
     * than the losses (e.g. the correlation of the latents with a known invariant). {@code network} is valid only
     * during the call; the time spent here is not counted as training time. The default ignores it; trainers without
     * a single network to show do not call it.
     *
     * @param last whether training ends after this epoch (its planned end, early stopping or divergence)
     */
    default void epochNetwork(EpochStats stats, Network network, boolean last) {
    }

    /** The network being trained, as a function of raw (not standardised) states. */
    @FunctionalInterface
    interface Network {

        /**
         * @param states {@code n·d} values, row-major
         * @return {@code n·k} latents, row-major
         */
        double[] latents(double[] states);
    }
}
