package org.invariantlab.core.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The built-in extensions, the scorer and the plots are plain Java: none of them may import the
 * neural-network (ND4J, DL4J) or computer-algebra (Symja) libraries, whose start-up would slow every
 * listing command, and only the plots may use XChart.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/org/invariantlab/core");

    private static List<String> offending(String pkg, List<String> forbidden) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
            return files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(line -> line.startsWith("import"))
                            .filter(line -> forbidden.stream().anyMatch(line::contains))
                            .map(line -> p.getFileName() + ": " + line);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void noHeavyLibrariesInThePlainJavaPackages() throws IOException {
        List<String> heavy = List.of("org.nd4j", "org.deeplearning4j", "org.matheclipse", "edu.jas");
        List<String> heavyOrPlots = List.of("org.nd4j", "org.deeplearning4j", "org.matheclipse", "edu.jas",
                "org.knowm", "java.awt");
        assertEquals(List.of(), offending("builtin", heavyOrPlots));
        assertEquals(List.of(), offending("score", heavyOrPlots));
        assertEquals(List.of(), offending("report", heavy));
    }

    @Test
    void theTrainingEngineKnowsNoConcreteExtension() throws IOException {
        // heads, samplers and interpreters reach the engine through the SPIs only (issue 8: core.train no longer
        // depends on a concrete head)
        assertEquals(List.of(), offending("train", List.of("org.invariantlab.core.builtin", "org.invariantlab.core.run")));
    }
}
