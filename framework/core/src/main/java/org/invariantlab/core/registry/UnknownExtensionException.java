package org.invariantlab.core.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.invariantlab.api.InvalidInputException;

/**
 * A spec or command named an extension id the registry does not have. The message lists the ids that
 * are available and, when one is close enough to be a typo, suggests it:
 * {@code unknown physical system 'kepleer'; did you mean 'kepler'? Available: em, kepler, lorentz}. A usage
 * error ({@link InvalidInputException}): the command line exits with code 2.
 */
public class UnknownExtensionException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final Class<?> spi;
    private final String id;
    private final List<String> available;
    private final String suggestion;

    /**
     * @param spi        the extension point that was asked
     * @param id         the id that was not found
     * @param available  the ids that exist for {@code spi}, sorted
     * @param suggestion the closest available id, or {@code null} when none is close
     */
    public UnknownExtensionException(Class<?> spi, String id, List<String> available, String suggestion) {
        super(message(spi, id, available, suggestion));
        this.spi = Objects.requireNonNull(spi, "spi");
        this.id = id;
        this.available = List.copyOf(available);
        this.suggestion = suggestion;
    }

    /** The extension point that was asked. */
    public Class<?> spi() {
        return spi;
    }

    /** The id that was not found. */
    public String id() {
        return id;
    }

    /** The ids that exist for the extension point, sorted. */
    public List<String> available() {
        return available;
    }

    /** The available id closest to {@link #id()}, if one is close enough to be a likely typo. */
    public Optional<String> suggestion() {
        return Optional.ofNullable(suggestion);
    }

    private static String message(Class<?> spi, String id, List<String> available, String suggestion) {
        StringBuilder m = new StringBuilder("unknown ").append(ExtensionPoints.displayName(spi))
                .append(" '").append(InvalidInputException.excerpt(id)).append('\'');
        if (suggestion != null) {
            m.append("; did you mean '").append(suggestion).append("'?");
        }
        if (available.isEmpty()) {
            m.append("; none is installed (add a plugin jar that provides one to the plugins directory)");
        } else {
            m.append(suggestion != null ? " Available: " : "; available: ").append(String.join(", ", available));
        }
        return m.toString();
    }
}
