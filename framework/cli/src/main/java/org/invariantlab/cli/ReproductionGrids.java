package org.invariantlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.compare.Grid;
import org.invariantlab.core.compare.GridFile;

/**
 * Where {@code reproduce} finds its grids: a name is a grid of the installation's {@code examples/grids/} (the one
 * catalogue, shared with {@code compare}); anything with a slash or a {@code .yaml} ending is a grid file.
 */
final class ReproductionGrids {

    /** A chosen grid and the name its reproduction is known by. */
    record Chosen(String name, Grid grid) {
    }

    private ReproductionGrids() {
    }

    /** The installation's grid folder, or empty outside an installation. */
    static Optional<Path> folder() {
        return Optional.ofNullable(System.getProperty("invariantlab.home")).map(h -> Path.of(h, "examples", "grids"))
                .filter(Files::isDirectory);
    }

    /** The names of the installation's grids, sorted. */
    static List<String> names() {
        Optional<Path> folder = folder();
        if (folder.isEmpty()) {
            return List.of("wetzel2020", "hajeong2021");
        }
        try (Stream<Path> files = Files.list(folder.get())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Reads the grid that {@code paper} names. */
    static Chosen choose(String paper) {
        String lower = paper.toLowerCase(Locale.ROOT);
        if (paper.contains("/") || lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            Path file = Path.of(paper);
            String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            return new Chosen(name, GridFile.read(file));
        }
        Path folder = folder().orElseThrow(() -> new InvalidInputException("no installation folder with examples/grids "
                + "to find '" + paper + "' in; give the path of a grid file instead"));
        Path file = folder.resolve(paper + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("unknown reproduction '" + paper + "'; available: "
                    + String.join(", ", names()) + " (or the path of a grid file)");
        }
        return new Chosen(paper, GridFile.read(file));
    }
}
