package org.invariantlab.core.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariantlab.api.InvalidInputException;

/**
 * {@code DIR/plan.json}: what a comparison folder holds — the grid's name, whether it was quick, and its cells in
 * order with their fingerprints — so that a resumed {@code compare} can tell which cells are finished and whether
 * a changed grid would mix incompatible results, and {@code report} can rebuild the report without the grid.
 *
 * @param name        the grid's name
 * @param description the grid's description
 * @param grid        the grid file's name
 * @param quick       whether {@code --quick} was given
 * @param data        the data sets' labels, in the grid's order
 * @param methods     the methods' names, in the grid's order
 * @param sweep       {@code noise}, {@code size} or null
 * @param cells       every cell: id and fingerprint
 */
public record Manifest(String name, String description, String grid, boolean quick, List<String> data,
                       List<String> methods, String sweep, List<Entry> cells) {

    /** The file name. */
    public static final String FILE = "plan.json";

    public Manifest {
        data = List.copyOf(data);
        methods = List.copyOf(methods);
        cells = List.copyOf(cells);
    }

    /** A cell's id and fingerprint. */
    public record Entry(String id, String fingerprint) {
    }

    /** The manifest of {@code plan}. */
    public static Manifest of(GridPlan plan) {
        Grid g = plan.grid();
        String sweep = !g.noise().isEmpty() ? "noise" : !g.sizes().isEmpty() ? "size" : null;
        return new Manifest(g.name(), g.description(), g.source(), plan.quick(),
                g.data().stream().map(Grid.Data::label).toList(), g.methods().stream().map(Grid.Method::name).toList(),
                sweep, plan.cells().stream().map(c -> new Entry(c.id(), c.fingerprint())).toList());
    }

    /** Reads {@code dir/plan.json}; a plain refusal if {@code dir} is not a comparison. */
    public static Manifest read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(dir + " is not a comparison folder (it has no " + FILE + "); give the --out "
                    + "folder of 'invariantlab compare'");
        }
        try {
            return new ObjectMapper().readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new InvalidInputException(file + " cannot be read (" + org.invariantlab.core.io.Json.problem(e) + "); run the comparison again "
                    + "with --force to rewrite it");
        }
    }
}
