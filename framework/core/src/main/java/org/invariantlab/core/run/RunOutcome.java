package org.invariantlab.core.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a run produced.
 *
 * @param spec      the fully resolved spec
 * @param metrics   what it measured, as written to {@code metrics.json}
 * @param directory where the result was written
 */
public record RunOutcome(RunSpec spec, RunMetrics metrics, Path directory) {
    public RunOutcome {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** How the run ended ({@link LearningVerdict}); the model and result are written in every case. */
    public RunStatus status() {
        return metrics.status();
    }

    /** True if the run completed and learned something. */
    public boolean completed() {
        return metrics.completed();
    }

    /** What went wrong and what to change, for a run that did not complete; null otherwise. */
    public String statusMessage() {
        return metrics.statusMessage();
    }
}
