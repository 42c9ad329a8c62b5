package org.invariantlab.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of this API, which the host also sets as PF4J's system version, and the compatibility policy that
 * decides which plugins it loads.
 *
 * <p><b>Policy</b> (semantic versioning, with the usual reading of {@code 0.x}): a version {@code X.Y.Z} belongs to
 * the <em>line</em> {@code X} when {@code X ≥ 1} and to the line {@code 0.Y} when {@code X = 0}. Within a line, API
 * changes are additions only (new types, {@code default} methods, constructors of the old shape kept), so a plugin
 * built against {@code X.Y.Z} runs on every later version of its line; between lines they may break, so a host
 * refuses a plugin built against another line. The physics toolkit ({@code invariantlab-physics}) carries the same
 * version and follows the same policy. A plugin states the API it was built against as the lower bound of its
 * {@code Plugin-Requires}, which is {@link #compatibleRange(String)} of that version.
 */
public final class ApiVersion {

    private static final Pattern VERSION_PATTERN = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    /** One term of a PF4J version expression: an operator and a version. */
    private static final Pattern TERM = Pattern.compile("(>=|<=|!=|>|<|=|\\^|~)?\\s*(\\d+\\.\\d+\\.\\d+)");

    private static final String VERSION = load();

    private ApiVersion() {
    }

    /** The API version, for example {@code 0.2.0}. */
    public static String current() {
        return VERSION;
    }

    /** The {@code Plugin-Requires} a plugin built against this API declares: {@link #compatibleRange(String)}. */
    public static String compatibleRange() {
        return compatibleRange(VERSION);
    }

    /**
     * The versions a plugin built against {@code version} runs on: the rest of its line, {@code >=0.Y.0 & <0.(Y+1).0}
     * for {@code 0.Y.Z}, {@code >=X.Y.0 & <(X+1).0.0} for {@code X ≥ 1}.
     */
    public static String compatibleRange(String version) {
        int[] v = parse(version);
        return v[0] == 0 ? ">=0." + v[1] + ".0 & <0." + (v[1] + 1) + ".0"
                : ">=" + v[0] + "." + v[1] + ".0 & <" + (v[0] + 1) + ".0.0";
    }

    /** The line of a version: {@code "X"} for {@code X ≥ 1}, {@code "0.Y"} for {@code 0.Y.Z}. */
    public static String line(String version) {
        int[] v = parse(version);
        return v[0] == 0 ? "0." + v[1] : Integer.toString(v[0]);
    }

    /**
     * The API version a plugin was built against: the lowest version its {@code Plugin-Requires} names as a lower
     * bound ({@code >=}, {@code =}, {@code ^}, {@code ~} or a bare version); empty for {@code *}, a missing entry or a
     * range with only an upper bound.
     */
    public static Optional<String> builtAgainst(String requires) {
        if (requires == null) {
            return Optional.empty();
        }
        String lowest = null;
        Matcher m = TERM.matcher(requires);
        while (m.find()) {
            String op = m.group(1) == null ? "" : m.group(1);
            if (op.startsWith("<") || op.equals("!=")) {
                continue;
            }
            if (lowest == null || compare(m.group(2), lowest) < 0) {
                lowest = m.group(2);
            }
        }
        return Optional.ofNullable(lowest);
    }

    /** Whether a plugin built against {@code builtAgainst} runs on {@code host}: the same line, not newer. */
    public static boolean compatible(String builtAgainst, String host) {
        return line(builtAgainst).equals(line(host)) && compare(builtAgainst, host) <= 0;
    }

    /** Compares two {@code X.Y.Z} versions numerically (anything after {@code Z} is ignored). */
    public static int compare(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return 0;
    }

    private static int[] parse(String version) {
        Matcher m = VERSION_PATTERN.matcher(version == null ? "" : version.trim());
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("not a version X.Y.Z: '" + version + "'");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    private static String load() {
        try (InputStream in = ApiVersion.class.getResourceAsStream("/META-INF/invariantlab-api.properties")) {
            if (in == null) {
                throw new IllegalStateException("META-INF/invariantlab-api.properties is missing from the API jar");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            if (!v.matches("\\d+\\.\\d+\\.\\d+.*")) {
                throw new IllegalStateException("invalid API version in META-INF/invariantlab-api.properties: '" + v + "'");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
