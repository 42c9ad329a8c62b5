package org.invariantlab.core.registry;

import java.util.Objects;
import org.invariantlab.api.LabExtension;

/**
 * One extension in the registry, with where it came from.
 *
 * @param spi           the extension point it is registered under
 * @param id            its id, as returned by {@link Extension#id()} when it was registered
 * @param description   its one-line description
 * @param extension     the instance; created once and shared
 * @param origin        {@value #BUILT_IN} or the id of the plugin that contributed it
 * @param originVersion the plugin's version, or InvariantLab's for built-ins
 * @param <T>           the extension point type
 */
public record ExtensionRecord<T extends LabExtension>(Class<T> spi, String id, String description, T extension,
                                                   String origin, String originVersion) {

    /** The {@link #origin()} of extensions built into InvariantLab. */
    public static final String BUILT_IN = "built-in";

    public ExtensionRecord {
        Objects.requireNonNull(spi, "spi");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(originVersion, "originVersion");
        ExtensionPoints.displayName(spi);
        if (!spi.isInstance(extension)) {
            throw new IllegalArgumentException(extension.getClass().getName() + " does not implement " + spi.getName());
        }
        if (!id.matches(LabExtension.ID_PATTERN)) {
            throw new IllegalArgumentException("invalid extension id '" + id + "'");
        }
        if (description.isBlank()) {
            throw new IllegalArgumentException("blank description for extension '" + id + "'");
        }
    }

    /** Whether InvariantLab itself provides this extension. */
    public boolean isBuiltIn() {
        return BUILT_IN.equals(origin);
    }

    /** {@code plugin 'kepler'} or {@code the built-in extensions}, for messages. */
    public String originLabel() {
        return originLabel(origin);
    }

    static String originLabel(String origin) {
        return BUILT_IN.equals(origin) ? "the built-in extensions" : "plugin '" + origin + "'";
    }
}
