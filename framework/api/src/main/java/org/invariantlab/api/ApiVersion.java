package org.invariantlab.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this API, which the host also sets as PF4J's system version. Plugins state the range
 * they work with in {@code Plugin-Requires}; see the package documentation for the policy.
 */
public final class ApiVersion {

    private static final String VERSION = load();

    private ApiVersion() {
    }

    /** The API version, for example {@code 0.1.0}. */
    public static String current() {
        return VERSION;
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
