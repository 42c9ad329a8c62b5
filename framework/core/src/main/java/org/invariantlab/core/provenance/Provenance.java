package org.invariantlab.core.provenance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The {@code spi} of the entry that records a run's data file (its SHA-256 as the version). */
    public static final String DATA_FILE = "DataFile";

    /** The provenance stored in {@code file}; empty when it is missing or unreadable. */
    public static Optional<Provenance> read(Path file) {
        try {
            return Optional.of(JSON.readValue(file.toFile(), Provenance.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The recorded data file's digest ({@code sha256:HEX}), when the result was made from a data file. */
    public Optional<String> dataFileDigest() {
        return extensions.stream().filter(e -> e.spi().equals(DATA_FILE)).map(ExtensionRef::originVersion).findFirst();
    }
}
