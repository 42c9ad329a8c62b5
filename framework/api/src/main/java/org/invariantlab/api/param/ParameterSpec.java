package org.invariantlab.api.param;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Declaration of one extension parameter: name, type, default, documentation and the allowed values.
 *
 * @param name         identifier used on the command line ({@code --param name=value}) and in specs;
 *                     lower camel case or dashed words
 * @param type         value type
 * @param defaultValue default, as text; must itself be valid
 * @param description  one line for listings
 * @param min          inclusive lower bound for numeric types, or {@code null}
 * @param max          inclusive upper bound for numeric types, or {@code null}
 * @param choices      allowed words for {@link ParameterType#CHOICE}, empty otherwise
 */
public record ParameterSpec(String name, ParameterType type, String defaultValue, String description,
                            Double min, Double max, List<String> choices) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[a-zA-Z][a-zA-Z0-9_.-]*")) {
            throw new IllegalArgumentException("invalid parameter name '" + name + "'");
        }
        choices = List.copyOf(choices == null ? List.of() : choices);
        if (type == ParameterType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice parameter '" + name + "' declares no choices");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("parameter '" + name + "': min " + min + " > max " + max);
        }
        // the default must be a legal value, so a declaration error shows up when the extension is built
        parseValue(name, type, defaultValue, min, max, choices);
    }

    /** A real parameter bounded to {@code [min, max]} (either bound may be {@code null}). */
    public static ParameterSpec real(String name, double defaultValue, Double min, Double max, String description) {
        return new ParameterSpec(name, ParameterType.REAL, Double.toString(defaultValue), description, min, max, List.of());
    }

    /** An integer parameter bounded to {@code [min, max]} (either bound may be {@code null}). */
    public static ParameterSpec integer(String name, long defaultValue, Long min, Long max, String description) {
        return new ParameterSpec(name, ParameterType.INTEGER, Long.toString(defaultValue), description,
                min == null ? null : min.doubleValue(), max == null ? null : max.doubleValue(), List.of());
    }

    /** A boolean parameter. */
    public static ParameterSpec bool(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.BOOLEAN, Boolean.toString(defaultValue), description, null, null, List.of());
    }

    /** A parameter that takes one of {@code choices}. */
    public static ParameterSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParameterSpec(name, ParameterType.CHOICE, defaultValue, description, null, null, choices);
    }

    /** Parses and validates {@code text} for this parameter. */
    public Object parse(String text) {
        return parseValue(name, type, text, min, max, choices);
    }

    /** Human-readable range or choices, e.g. {@code [0.1, 10]} or {@code fixed|random}. */
    public String domain() {
        return switch (type) {
            case BOOLEAN -> "true|false";
            case CHOICE -> String.join("|", choices);
            default -> (min == null ? "(-inf" : "[" + fmt(min)) + ", " + (max == null ? "inf)" : fmt(max) + "]");
        };
    }

    private String fmt(double v) {
        return type == ParameterType.INTEGER ? Long.toString((long) v) : Double.toString(v);
    }

    private static Object parseValue(String name, ParameterType type, String text, Double min, Double max,
                                     List<String> choices) {
        if (text == null || text.isBlank()) {
            throw new InvalidParameterException(name, "parameter '" + name + "' has an empty value");
        }
        String t = text.trim();
        switch (type) {
            case REAL -> {
                double v;
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new InvalidParameterException(name, "parameter '" + name + "' must be a real number, got '" + t + "'");
                }
                if (!Double.isFinite(v)) {
                    throw new InvalidParameterException(name, "parameter '" + name + "' must be finite, got '" + t + "'");
                }
                checkRange(name, v, t, min, max);
                return v;
            }
            case INTEGER -> {
                long v;
                try {
                    v = Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new InvalidParameterException(name, "parameter '" + name + "' must be a whole number, got '" + t + "'");
                }
                checkRange(name, v, t, min, max);
                return v;
            }
            case BOOLEAN -> {
                String l = t.toLowerCase(Locale.ROOT);
                if (!l.equals("true") && !l.equals("false")) {
                    throw new InvalidParameterException(name, "parameter '" + name + "' must be true or false, got '" + t + "'");
                }
                return Boolean.parseBoolean(l);
            }
            case CHOICE -> {
                if (!choices.contains(t)) {
                    throw new InvalidParameterException(name, "parameter '" + name + "' must be one of "
                            + String.join(", ", choices) + "; got '" + t + "'");
                }
                return t;
            }
            default -> throw new IllegalStateException("unhandled type " + type);
        }
    }

    private static void checkRange(String name, double v, String text, Double min, Double max) {
        if ((min != null && v < min) || (max != null && v > max)) {
            throw new InvalidParameterException(name, "parameter '" + name + "' = " + text + " is outside its range "
                    + (min == null ? "(-inf" : "[" + min) + ", " + (max == null ? "inf)" : max + "]"));
        }
    }
}
