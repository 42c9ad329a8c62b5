package org.invariantlab.core.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run produced.
 *
 * @param spec      the fully resolved spec
 * @param metrics   the content of {@code metrics.json}, in order
 * @param directory where the result was written
 * @param status    how the run ended ({@link LearningVerdict}); the model and result are written in every case
 */
public record RunOutcome(RunSpec spec, Map<String, Object> metrics, Path directory, RunStatus status) {
    public RunOutcome {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** True if the run completed and learned something. */
    public boolean completed() {
        return status == RunStatus.COMPLETED;
    }

    /** What went wrong and what to change, for a run that did not complete; null otherwise. */
    public String statusMessage() {
        Object m = metrics.get("status_message");
        return m == null ? null : m.toString();
    }

    /** A metric as a number (NaN when absent). */
    public double number(String key) {
        Object v = metrics.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
