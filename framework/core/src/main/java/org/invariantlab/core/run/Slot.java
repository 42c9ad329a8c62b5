package org.invariantlab.core.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One extension choice of a run: an extension id and its parameters as text (unset ones take their defaults).
 *
 * @param id         the extension id
 * @param parameters its parameters, in order
 */
public record Slot(String id, Map<String, String> parameters) {
    public Slot {
        Objects.requireNonNull(id, "id");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters == null ? Map.of() : parameters));
    }
}
