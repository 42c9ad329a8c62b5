package org.invariantlab.core.provenance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.invariantlab.api.ApiVersion;

/**
 * What produced a result, recorded beside it so that it can be reproduced.
 *
 * @param invariantlabVersion version of InvariantLab (equal to the API version)
 * @param javaVersion         {@code java.version} of the JVM
 * @param os                  operating system and architecture
 * @param createdAt           UTC time of creation, ISO-8601
 * @param command             the command line or operation that produced the result
 * @param seed                the seed
 * @param extensions          extensions used, with their origins and resolved parameters
 */
public record Provenance(String invariantlabVersion, String javaVersion, String os, String createdAt, String command,
                         long seed, List<ExtensionRef> extensions) {

    public Provenance {
        Objects.requireNonNull(invariantlabVersion, "invariantlabVersion");
        Objects.requireNonNull(command, "command");
        extensions = List.copyOf(extensions);
    }

    /** Provenance for this JVM, now. */
    public static Provenance now(String command, long seed, List<ExtensionRef> extensions) {
        return new Provenance(ApiVersion.current(), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), Instant.now().toString(),
                command, seed, extensions);
    }
}
