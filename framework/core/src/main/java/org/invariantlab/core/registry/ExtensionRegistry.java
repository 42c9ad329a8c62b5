package org.invariantlab.core.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.invariantlab.api.LabExtension;
import org.invariantlab.core.util.Throwables;

/**
 * Every extension InvariantLab can use, built-in or from a plugin, keyed by (extension point, id).
 *
 * <p>Each extension was instantiated exactly once when the registry was built; lookups return that
 * instance. The registry is immutable and safe to share between threads. Build one with
 * {@link #builder()}: built-ins are offered first, then plugin extensions by plugin id, and the first
 * extension to claim an id keeps it.
 */
public final class ExtensionRegistry {

    private final Map<Class<? extends LabExtension>, List<ExtensionRecord<?>>> bySpi;

    private ExtensionRegistry(Map<Class<? extends LabExtension>, List<ExtensionRecord<?>>> bySpi) {
        Map<Class<? extends LabExtension>, List<ExtensionRecord<?>>> copy = new LinkedHashMap<>();
        for (Class<? extends LabExtension> spi : ExtensionPoints.all()) {
            List<ExtensionRecord<?>> records = new ArrayList<>(bySpi.getOrDefault(spi, List.of()));
            records.sort(Comparator.comparing(ExtensionRecord::id));
            copy.put(spi, List.copyOf(records));
        }
        this.bySpi = copy;
    }

    /** A registry with no extensions at all. */
    public static ExtensionRegistry empty() {
        return new ExtensionRegistry(Map.of());
    }

    /** Starts collecting extensions for a new registry. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * All extensions of {@code spi}, sorted by id.
     *
     * @throws IllegalArgumentException if {@code spi} is not an extension point
     */
    @SuppressWarnings("unchecked")
    public <T extends LabExtension> List<ExtensionRecord<T>> all(Class<T> spi) {
        return (List<ExtensionRecord<T>>) (List<?>) records(spi);
    }

    /** The ids of all extensions of {@code spi}, sorted. */
    public List<String> ids(Class<? extends LabExtension> spi) {
        return records(spi).stream().map(ExtensionRecord::id).toList();
    }

    /** The extension of {@code spi} with {@code id}, if there is one. */
    @SuppressWarnings("unchecked")
    public <T extends LabExtension> Optional<ExtensionRecord<T>> find(Class<T> spi, String id) {
        Objects.requireNonNull(id, "id");
        for (ExtensionRecord<?> r : records(spi)) {
            if (r.id().equals(id)) {
                return Optional.of((ExtensionRecord<T>) r);
            }
        }
        return Optional.empty();
    }

    /**
     * The record of the extension of {@code spi} with {@code id}, including where it came from.
     *
     * @throws UnknownExtensionException if there is none; its message lists the available ids and the
     *                                   closest one
     */
    public <T extends LabExtension> ExtensionRecord<T> record(Class<T> spi, String id) {
        return find(spi, id).orElseThrow(() -> unknown(spi, id));
    }

    /**
     * The extension of {@code spi} with {@code id}.
     *
     * @throws UnknownExtensionException if there is none; its message lists the available ids and the
     *                                   closest one
     */
    public <T extends LabExtension> T get(Class<T> spi, String id) {
        return record(spi, id).extension();
    }

    /**
     * The ids each extension point received from {@code origin} (a plugin id or
     * {@link ExtensionRecord#BUILT_IN}), keyed by the extension point's simple name, in
     * {@link ExtensionPoints} order; extension points without any are left out.
     */
    public Map<String, List<String>> idsByOrigin(String origin) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        bySpi.forEach((spi, records) -> {
            List<String> ids = records.stream().filter(r -> r.origin().equals(origin)).map(ExtensionRecord::id).toList();
            if (!ids.isEmpty()) {
                result.put(spi.getSimpleName(), ids);
            }
        });
        return Collections.unmodifiableMap(result);
    }

    /** Number of extensions over all extension points. */
    public int size() {
        return bySpi.values().stream().mapToInt(List::size).sum();
    }

    private List<ExtensionRecord<?>> records(Class<? extends LabExtension> spi) {
        List<ExtensionRecord<?>> records = bySpi.get(Objects.requireNonNull(spi, "spi"));
        if (records == null) {
            ExtensionPoints.displayName(spi); // throws with the list of extension points
        }
        return records;
    }

    private UnknownExtensionException unknown(Class<? extends LabExtension> spi, String id) {
        List<String> available = ids(spi);
        return new UnknownExtensionException(spi, id, available, closest(id, available));
    }

    /**
     * The candidate nearest to {@code id} by edit distance, if it is close enough to be a typo: at most
     * two edits, or a third of the id's length for longer ids; a candidate that starts with {@code id}
     * also counts as close.
     */
    static String closest(String id, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = c.startsWith(id) && !id.isEmpty() ? 0 : levenshtein(id, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, id.length() / 3) ? best : null;
    }

    /** Edit distance (insertions, deletions, substitutions) between {@code a} and {@code b}. */
    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /**
     * Collects extensions for a registry, checking each one as it is offered. Offer built-ins first, then
     * plugin extensions in plugin-id order: the first extension to claim an id for an extension point
     * keeps it. Not thread-safe.
     */
    public static final class Builder {

        private final Map<Class<? extends LabExtension>, List<ExtensionRecord<?>>> bySpi = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Offers one extension under {@code spi}. It is refused, and the reason returned, when its
         * {@code id()} or {@code description()} throws, its id does not match {@link LabExtension#ID_PATTERN},
         * its description is blank, or another extension already has its id for {@code spi}. The reason is
         * one sentence naming the extension, its origin and what is wrong.
         *
         * @param origin        {@link ExtensionRecord#BUILT_IN} or the contributing plugin's id
         * @param originVersion InvariantLab's version for built-ins, else the plugin's
         * @return empty if the extension was accepted, otherwise why it was refused
         */
        public <T extends LabExtension> Optional<String> offer(Class<T> spi, T extension, String origin,
                                                            String originVersion) {
            Objects.requireNonNull(spi, "spi");
            Objects.requireNonNull(extension, "extension");
            String point = ExtensionPoints.simpleName(spi);
            String className = extension.getClass().getName();
            String from = ExtensionRecord.originLabel(origin);
            String id;
            String description;
            try {
                id = extension.id();
                description = extension.description();
            } catch (RuntimeException | LinkageError e) {
                return Optional.of("extension class '" + className + "' (" + point + ") from " + from
                        + " fails in id() or description(): " + Throwables.oneLine(e) + "; it is ignored");
            }
            if (id == null || !id.matches(LabExtension.ID_PATTERN)) {
                return Optional.of("extension class '" + className + "' (" + point + ") from " + from + " has id "
                        + (id == null ? "null" : "'" + id + "'")
                        + ", which is not a valid id (lower-case words joined by '-' or '.', e.g. kepler-fixed-l);"
                        + " it is ignored");
            }
            if (description == null || description.isBlank()) {
                return Optional.of("extension '" + id + "' (" + point + ") from " + from
                        + " has a blank description; it is ignored");
            }
            List<ExtensionRecord<?>> records = bySpi.computeIfAbsent(spi, k -> new ArrayList<>());
            for (ExtensionRecord<?> existing : records) {
                if (existing.id().equals(id)) {
                    String ignored = ExtensionRecord.BUILT_IN.equals(origin) ? "the built-in one" : "the one from '"
                            + origin + "'";
                    return Optional.of("extension id '" + id + "' (" + point + ") from " + from
                            + " already provided by " + existing.originLabel() + "; ignoring " + ignored);
                }
            }
            records.add(new ExtensionRecord<>(spi, id, description.strip(), extension, origin, originVersion));
            return Optional.empty();
        }

        /** The registry of everything accepted so far. */
        public ExtensionRegistry build() {
            return new ExtensionRegistry(bySpi);
        }
    }
}
