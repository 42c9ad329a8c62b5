package org.invariantlab.core.job;

import org.invariantlab.core.train.TrainingListener;

/** Progress of a run: stages as one-line messages, and training epochs. */
public interface JobListener extends TrainingListener {

    /** A new stage began, e.g. "sampling 50000 training groups". */
    void stage(String message);

    /** A listener that ignores everything. */
    static JobListener silent() {
        return new JobListener() {
            @Override
            public void stage(String message) {
            }

            @Override
            public void epochCompleted(org.invariantlab.core.train.EpochStats stats) {
            }
        };
    }
}
