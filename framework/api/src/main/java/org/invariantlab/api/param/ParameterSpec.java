package org.invariantlab.api.param;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.invariantlab.api.InvalidInputException;

/**
 * Declaration of one extension parameter: name, type, default, documentation and the allowed values.
 *
 * <p>A numeric range may be closed or open at either end: {@code [1, 4]}, {@code (0, 1/6)}, {@code (0, inf)}.
 * The factories {@link #real(String, double, Double, Double, String)} and
 * {@link #integer(String, long, Long, Long, String)} declare closed ends; {@link #realIn} and {@link #integerIn}
 * take a {@link Bound} for each end, e.g. {@code realIn("E", 0.1, Bound.above(0), Bound.below(1.0 / 6), "...")}
 * for {@code 0 < E < 1/6}, so no stand-in limit such as 0.166 is needed.
 *
 * @param name         identifier used on the command line ({@code --param name=value}) and in specs;
 *                     lower camel case or dashed words
 * @param type         value type
 * @param defaultValue default, as text; must itself be valid
 * @param description  one line for listings
 * @param min          lower bound for numeric types, or {@code null}
 * @param max          upper bound for numeric types, or {@code null}
 * @param choices      allowed words for {@link ParameterType#CHOICE}, empty otherwise
 * @param minExclusive whether {@code min} itself is excluded (range open at the lower end)
 * @param maxExclusive whether {@code max} itself is excluded (range open at the upper end)
 */
public record ParameterSpec(String name, ParameterType type, String defaultValue, String description,
                            Double min, Double max, List<String> choices, boolean minExclusive, boolean maxExclusive) {

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
        minExclusive = minExclusive && min != null;
        maxExclusive = maxExclusive && max != null;
        if (min != null && max != null && (min > max || (min.equals(max) && (minExclusive || maxExclusive)))) {
            throw new IllegalArgumentException("parameter '" + name + "': the range from " + min + " to " + max
                    + " holds no value");
        }
        // the default must be a legal value, so a declaration error shows up when the extension is built
        parseValue(name, type, defaultValue, min, max, minExclusive, maxExclusive, choices);
    }

    /** A declaration whose numeric range, if any, is closed at both ends (the form before open ends existed). */
    public ParameterSpec(String name, ParameterType type, String defaultValue, String description,
                         Double min, Double max, List<String> choices) {
        this(name, type, defaultValue, description, min, max, choices, false, false);
    }

    /** A real parameter bounded to {@code [min, max]} (either bound may be {@code null}). */
    public static ParameterSpec real(String name, double defaultValue, Double min, Double max, String description) {
        return new ParameterSpec(name, ParameterType.REAL, Double.toString(defaultValue), description, min, max, List.of());
    }

    /**
     * A real parameter whose range may be open at either end, e.g. {@code realIn("tMax", 10, Bound.above(0), null,
     * ...)} for {@code tMax > 0}; a {@code null} end is unbounded.
     */
    public static ParameterSpec realIn(String name, double defaultValue, Bound lower, Bound upper, String description) {
        return new ParameterSpec(name, ParameterType.REAL, Double.toString(defaultValue), description,
                lower == null ? null : lower.value(), upper == null ? null : upper.value(), List.of(),
                lower != null && !lower.inclusive(), upper != null && !upper.inclusive());
    }

    /** An integer parameter bounded to {@code [min, max]} (either bound may be {@code null}). */
    public static ParameterSpec integer(String name, long defaultValue, Long min, Long max, String description) {
        return new ParameterSpec(name, ParameterType.INTEGER, Long.toString(defaultValue), description,
                min == null ? null : min.doubleValue(), max == null ? null : max.doubleValue(), List.of());
    }

    /** An integer parameter whose range may be open at either end; a {@code null} end is unbounded. */
    public static ParameterSpec integerIn(String name, long defaultValue, Bound lower, Bound upper, String description) {
        return new ParameterSpec(name, ParameterType.INTEGER, Long.toString(defaultValue), description,
                lower == null ? null : lower.value(), upper == null ? null : upper.value(), List.of(),
                lower != null && !lower.inclusive(), upper != null && !upper.inclusive());
    }

    /** A boolean parameter. */
    public static ParameterSpec bool(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.BOOLEAN, Boolean.toString(defaultValue), description, null, null, List.of());
    }

    /** A parameter that takes one of {@code choices}. */
    public static ParameterSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParameterSpec(name, ParameterType.CHOICE, defaultValue, description, null, null, choices);
    }

    /** The lower end of the range, if it has one. */
    public Optional<Bound> lowerBound() {
        return min == null ? Optional.empty() : Optional.of(new Bound(min, !minExclusive));
    }

    /** The upper end of the range, if it has one. */
    public Optional<Bound> upperBound() {
        return max == null ? Optional.empty() : Optional.of(new Bound(max, !maxExclusive));
    }

    /** Parses and validates {@code text} for this parameter. */
    public Object parse(String text) {
        return parseValue(name, type, text, min, max, minExclusive, maxExclusive, choices);
    }

    /** Human-readable range or choices, e.g. {@code [0.1, 10]}, {@code (0, 1/6)} or {@code fixed|random}. */
    public String domain() {
        return switch (type) {
            case BOOLEAN -> "true|false";
            case CHOICE -> String.join("|", choices);
            default -> range(type, min, max, minExclusive, maxExclusive);
        };
    }

    private static String range(ParameterType type, Double min, Double max, boolean minExclusive, boolean maxExclusive) {
        return (min == null ? "(-inf" : (minExclusive ? "(" : "[") + number(type, min)) + ", "
                + (max == null ? "inf)" : number(type, max) + (maxExclusive ? ")" : "]"));
    }

    /** A bound as people write it: {@code 4} rather than {@code 4.0}, {@code 1/6} rather than 0.16666666666666666. */
    static String number(ParameterType type, double v) {
        if (type == ParameterType.INTEGER || (v == Math.rint(v) && Math.abs(v) < 1e15)) {
            return Long.toString((long) v);
        }
        String plain = Double.toString(v);
        if (plain.length() > 8) {
            for (int q = 2; q <= 12; q++) {
                double p = v * q;
                if (Math.abs(p - Math.rint(p)) < 1e-9 && Math.abs(p) < 1e6) {
                    return (long) Math.rint(p) + "/" + q;
                }
            }
        }
        return plain;
    }

    private static Object parseValue(String name, ParameterType type, String text, Double min, Double max,
                                     boolean minExclusive, boolean maxExclusive, List<String> choices) {
        if (text == null || text.isBlank()) {
            throw new InvalidParameterException(name, "parameter '" + name + "' has an empty value");
        }
        String t = text.trim();
        String shown = InvalidInputException.excerpt(t);
        switch (type) {
            case REAL -> {
                double v;
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new InvalidParameterException(name, "parameter '" + name + "' must be a real number, got '" + shown + "'");
                }
                if (!Double.isFinite(v)) {
                    throw new InvalidParameterException(name, "parameter '" + name + "' must be finite, got '" + shown + "'");
                }
                checkRange(name, type, v, shown, min, max, minExclusive, maxExclusive);
                return v;
            }
            case INTEGER -> {
                long v;
                try {
                    v = Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new InvalidParameterException(name, "parameter '" + name + "' must be a whole number, got '" + shown + "'");
                }
                checkRange(name, type, v, shown, min, max, minExclusive, maxExclusive);
                return v;
            }
            case BOOLEAN -> {
                String l = t.toLowerCase(Locale.ROOT);
                if (!l.equals("true") && !l.equals("false")) {
                    throw new InvalidParameterException(name, "parameter '" + name + "' must be true or false, got '" + shown + "'");
                }
                return Boolean.parseBoolean(l);
            }
            case CHOICE -> {
                if (!choices.contains(t)) {
                    throw new InvalidParameterException(name, "parameter '" + name + "' must be one of "
                            + String.join(", ", choices) + "; got '" + shown + "'");
                }
                return t;
            }
            default -> throw new IllegalStateException("unhandled type " + type);
        }
    }

    private static void checkRange(String name, ParameterType type, double v, String text, Double min, Double max,
                                   boolean minExclusive, boolean maxExclusive) {
        String need = null;
        if (min != null && (minExclusive ? !(v > min) : v < min)) {
            need = (minExclusive ? "greater than " : "at least ") + number(type, min);
        } else if (max != null && (maxExclusive ? !(v < max) : v > max)) {
            need = (maxExclusive ? "less than " : "at most ") + number(type, max);
        }
        if (need != null) {
            throw new InvalidParameterException(name, "parameter '" + name + "' = " + text + " is outside its range "
                    + range(type, min, max, minExclusive, maxExclusive) + ": it must be " + need);
        }
    }
}
