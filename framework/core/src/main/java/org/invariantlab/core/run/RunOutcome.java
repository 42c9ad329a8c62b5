package org.invariantlab.core.run;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a run produced.
 *
 * @param spec      the fully resolved spec
 * @param metrics   the content of {@code metrics.json}, in order
 * @param directory where the result was written
 * @param completed false if training diverged (the best model before that is kept and scored)
 */
public record RunOutcome(RunSpec spec, Map<String, Object> metrics, Path directory, boolean completed) {
    public RunOutcome {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    /** A metric as a number (NaN when absent). */
    public double number(String key) {
        Object v = metrics.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
