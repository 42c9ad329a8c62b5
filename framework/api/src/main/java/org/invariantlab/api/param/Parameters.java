package org.invariantlab.api.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.invariantlab.api.InvalidInputException;

/**
 * Resolved parameter values of one extension: every declared parameter has a validated value (the
 * default unless the user overrode it). Immutable.
 *
 * @param values parameter name to parsed value ({@code Double}, {@code Long}, {@code Boolean} or {@code String}),
 *               in declaration order
 */
public record Parameters(Map<String, Object> values) {

    public Parameters {
        Objects.requireNonNull(values, "values");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No parameters. */
    public static Parameters empty() {
        return new Parameters(Map.of());
    }

    /**
     * Resolves user overrides against the declared parameters.
     *
     * @param owner     the extension's id, used in messages
     * @param specs     declared parameters
     * @param overrides name to text, e.g. from {@code --param eMin=-0.8}
     * @throws InvalidParameterException naming the first unknown, malformed or out-of-range parameter
     */
    public static Parameters resolve(String owner, List<ParameterSpec> specs, Map<String, String> overrides) {
        Map<String, ParameterSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        for (String key : overrides.keySet()) {
            if (!byName.containsKey(key)) {
                String known = byName.isEmpty() ? "it takes no parameters"
                        : "known parameters: " + String.join(", ", byName.keySet());
                throw new InvalidParameterException(key, "'" + owner + "' has no parameter '"
                        + InvalidInputException.excerpt(key) + "'; " + known);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParameterSpec s : specs) {
            String text = overrides.getOrDefault(s.name(), s.defaultValue());
            try {
                out.put(s.name(), s.parse(text));
            } catch (InvalidParameterException e) {
                throw new InvalidParameterException(s.name(), "'" + owner + "': " + e.getMessage());
            }
        }
        return new Parameters(out);
    }

    public double getDouble(String name) {
        Object v = require(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("parameter '" + name + "' is not numeric");
    }

    public long getLong(String name) {
        Object v = require(name);
        if (v instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("parameter '" + name + "' is not an integer");
    }

    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    public boolean getBoolean(String name) {
        Object v = require(name);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("parameter '" + name + "' is not a boolean");
    }

    public String getString(String name) {
        return String.valueOf(require(name));
    }

    /** The values as text, in declaration order: what a result records as resolved configuration. */
    public Map<String, String> asText() {
        return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()),
                (a, b) -> a, LinkedHashMap::new));
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' (have " + values.keySet() + ")");
        }
        return v;
    }
}
