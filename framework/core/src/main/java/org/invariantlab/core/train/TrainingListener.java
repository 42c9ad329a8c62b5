package org.invariantlab.core.train;

/** Receives progress from {@link Trainer#train}, on the training thread, once per completed epoch. */
@FunctionalInterface
public interface TrainingListener {

    /** Called after each epoch's validation; an exception thrown here aborts training. */
    void epochCompleted(EpochStats stats);
}
