package org.invariantlab.core.provenance;

import java.util.Map;
import java.util.Objects;

/**
 * One extension that took part in producing a result.
 *
 * @param spi           extension point, e.g. {@code PhysicalSystem}
 * @param id            extension id, e.g. {@code kepler}
 * @param origin        {@code built-in} or the id of the plugin that contributed it
 * @param originVersion version of that plugin (or of InvariantLab for built-ins)
 * @param parameters    the fully resolved parameters, as text
 */
public record ExtensionRef(String spi, String id, String origin, String originVersion, Map<String, String> parameters) {
    public ExtensionRef {
        Objects.requireNonNull(spi, "spi");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(originVersion, "originVersion");
        parameters = Map.copyOf(parameters);
    }
}
