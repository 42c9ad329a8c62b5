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

    /**
     * The names of the installation's grids that are reproductions (a data set with a {@code paper:} block), sorted;
     * none outside an installation.
     */
    static List<String> names() {
        Optional<Path> folder = folder();
        if (folder.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder.get())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).filter(ReproductionGrids::hasPaper)
                    .map(p -> p.getFileName().toString().replaceFirst("\\.yaml$", "")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean hasPaper(Path grid) {
        try {
            return GridFile.read(grid).data().stream().anyMatch(d -> d.paper() != null);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The grid file {@code nameOrPath} names: a path with a slash or a {@code .yaml} ending as it is; a bare name, the
     * installation's {@code examples/grids/NAME.yaml} when there is one (so {@code compare benchmark} works from any
     * folder); otherwise the path as given, for the command's own "cannot read" message.
     */
    static Path file(String nameOrPath) {
        String lower = nameOrPath.toLowerCase(Locale.ROOT);
        if (nameOrPath.contains("/") || lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return Path.of(nameOrPath);
        }
        return folder().map(f -> f.resolve(nameOrPath + ".yaml")).filter(Files::isRegularFile)
                .orElse(Path.of(nameOrPath));
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
            List<String> names = names();
            throw new InvalidInputException("unknown reproduction '" + paper + "'; available: "
                    + (names.isEmpty() ? "none in " + folder : String.join(", ", names)) + " (or the path of a grid file)");
        }
        return new Chosen(paper, GridFile.read(file));
    }
}
