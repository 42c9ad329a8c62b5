package org.invariantlab.core.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.count.CountJob;
import org.invariantlab.core.io.Digests;
import org.invariantlab.core.run.Runner;

/**
 * The cells of a grid, in a fixed order (data, then method, then sweep value, then seed), each with its run or count
 * and a fingerprint of it.
 *
 * @param grid  the grid
 * @param quick whether the grid's {@code quick:} overrides are applied
 * @param cells every cell
 */
public record GridPlan(Grid grid, boolean quick, List<Cell> cells) {

    /** Sorted keys, no indentation: the same task gives the same fingerprint in every JVM. */
    static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public GridPlan {
        cells = List.copyOf(cells);
    }

    /**
     * The most cells a grid may have (docs/comparing-methods.md): far more than a 2-core machine runs in a week
     * (the quick benchmark suite's cells take about 4 s each), while their plan and checks still fit in seconds.
     */
    public static final long MAX_CELLS = 10_000;

    /** Told while cells are checked: {@code done} of {@code total}. */
    @FunctionalInterface
    public interface Checked {
        void checked(int done, int total);
    }

    /**
     * How many cells {@code grid} has, counted without building them: per data set, its methods times the noise
     * levels times the sizes times the seeds.
     */
    public static long cellCount(Grid grid) {
        long perMethod = (long) Math.max(1, grid.noise().size()) * Math.max(1, grid.sizes().size()) * grid.seeds().size();
        long n = 0;
        for (Grid.Data d : grid.data()) {
            n += grid.methodsFor(d).size() * perMethod;
        }
        return n;
    }

    /**
     * Every cell of {@code grid}.
     *
     * @throws InvalidInputException when the grid has no cell, or more than {@link #MAX_CELLS}
     */
    public static GridPlan of(Grid grid, boolean quick) {
        long count = cellCount(grid);
        if (count == 0) {
            throw new InvalidInputException(grid.source() + ": the grid has no cells (every data set needs a method and "
                    + "the grid at least one seed); nothing to compare");
        }
        if (count > MAX_CELLS) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s: the grid has %,d cells (%d data sets, "
                    + "methods, sweep values and %d seeds multiplied); at most %,d are allowed: split it into smaller "
                    + "grids", grid.source(), count, grid.data().size(), grid.seeds().size(), MAX_CELLS));
        }
        List<Cell> cells = new ArrayList<>();
        List<Double> noise = grid.noise().isEmpty() ? java.util.Collections.singletonList(null) : grid.noise();
        List<Integer> sizes = grid.sizes().isEmpty() ? java.util.Collections.singletonList(null) : grid.sizes();
        for (Grid.Data d : grid.data()) {
            for (Grid.Method m : grid.methodsFor(d)) {
                for (Double sigma : noise) {
                    for (Integer size : sizes) {
                        for (long seed : grid.seeds()) {
                            cells.add(cell(d, m, quick, seed, sigma, size));
                        }
                    }
                }
            }
        }
        return new GridPlan(grid, quick, cells);
    }

    private static Cell cell(Grid.Data d, Grid.Method m, boolean quick, long seed, Double sigma, Integer size) {
        StringBuilder id = new StringBuilder(d.label()).append("--").append(m.name()).append("--s").append(seed);
        if (sigma != null) {
            id.append("--noise").append(number(sigma));
        }
        if (size != null) {
            id.append("--n").append(size);
        }
        int n = size == null ? 0 : size;
        CellTask task = m.kind() == Grid.Kind.RUN
                ? new CellTask.Run((quick ? m.quickRun() : m.run()).spec(d, seed, sigma == null ? -1 : sigma, n))
                : new CellTask.Count((quick ? m.quickCount() : m.count()).spec(d, seed, n));
        return new Cell(id.toString(), d.label(), m.name(), m.kind().id(), seed, sigma, size, task, fingerprint(task));
    }

    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%s", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** SHA-256 of the task's canonical JSON. */
    static String fingerprint(CellTask task) {
        try {
            return Digests.sha256(CANONICAL.writeValueAsString(task));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint a cell", e);
        }
    }

    /**
     * Checks every cell with the plugins loaded — ids, parameters, memory, vector fields, plugins a method needs —
     * before anything runs; all problems at once, with the grid's lines.
     *
     * @throws org.invariantlab.api.InvalidInputException listing every problem
     */
    public void validate(CellWorker worker) {
        validate(worker, (done, total) -> { });
    }

    /** {@link #validate(CellWorker)}, saying how far the checks are. */
    public void validate(CellWorker worker, Checked progress) {
        Runner runner = worker.runner();
        CountJob counts = worker.counts();
        // one line per data set and reason, naming every method it concerns
        java.util.Map<String, List<String>> methodsByReason = new java.util.LinkedHashMap<>();
        java.util.Map<String, Grid.Data> dataByReason = new java.util.HashMap<>();
        java.util.Map<String, String> messageByReason = new java.util.HashMap<>();
        int done = 0;
        for (Cell c : cells) {
            progress.checked(done++, cells.size());
            Grid.Data d = grid.data().stream().filter(x -> x.label().equals(c.data())).findFirst().orElseThrow();
            Grid.Method m = grid.methods().stream().filter(x -> x.name().equals(c.method())).findFirst().orElseThrow();
            try {
                if (c.task() instanceof CellTask.Run r) {
                    runner.check(r.spec());
                } else if (c.task() instanceof CellTask.Count k) {
                    counts.check(k.spec());
                }
            } catch (InvariantLabException e) {
                String key = c.data() + "\u0000" + e.getMessage();
                List<String> names = methodsByReason.computeIfAbsent(key, k -> new ArrayList<>());
                String name = m.name() + " (line " + m.line() + ")";
                if (!names.contains(name)) {
                    names.add(name);
                }
                dataByReason.put(key, d);
                messageByReason.put(key, e.getMessage());
            }
        }
        progress.checked(cells.size(), cells.size());
        List<GridProblem> problems = new ArrayList<>();
        methodsByReason.forEach((key, names) -> {
            Grid.Data d = dataByReason.get(key);
            problems.add(new GridProblem(d.line(), "data '" + d.label() + "' with method" + (names.size() == 1 ? " " : "s ")
                    + String.join(", ", names) + ": " + messageByReason.get(key)));
        });
        if (!problems.isEmpty()) {
            throw GridFile.invalid(grid.source(), problems);
        }
    }
}
