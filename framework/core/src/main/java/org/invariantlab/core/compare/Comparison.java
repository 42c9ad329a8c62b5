package org.invariantlab.core.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.InvariantLab;
import java.nio.file.LinkOption;
import org.invariantlab.core.io.AtomicFiles;
import org.invariantlab.core.io.FolderLock;
import org.invariantlab.core.io.OutputPaths;
import org.invariantlab.core.io.Json;
import org.invariantlab.core.job.ResultDirectory;
import org.invariantlab.core.job.JobListener;

/**
 * {@code invariantlab compare}: validates a grid's every cell, opens (or resumes) the comparison folder, runs the
 * missing cells with an executor, and writes the report.
 *
 * <p>Resuming: a cell is finished when {@code cells/<id>/cell.json} exists with a status other than
 * {@code error}. Run again, the same grid runs only the cells that are not. A finished cell whose fingerprint
 * differs from the grid's cell of the same id (other settings), or whose plugins' jars differ from those loaded now,
 * would mix incompatible results: the comparison is refused with the list, unless {@code force} is set, which runs
 * those cells again.
 */
public final class Comparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Comparison() {
    }

    /** Progress of a comparison. */
    public interface Progress extends JobListener {

        /** Cells already finished in the folder, reused. */
        void reused(int cells, int total);

        /** A cell started; {@code done} of {@code total} are finished, ETA in seconds or NaN. */
        void cellStarted(Cell cell, int done, int total, double etaSeconds);

        /** A cell finished. */
        void cellFinished(CellResult result, int done, int total, double etaSeconds);

        /** While the cells are checked before anything runs: {@code done} of {@code total} checked. */
        default void checked(int done, int total) {
        }
    }

    /**
     * What a comparison did.
     *
     * @param results every cell's result, in the plan's order
     * @param reused  cells finished before this call
     * @param ran     cells run by this call
     * @param errors  cells that could not be run (status {@code error})
     * @param seconds wall time of this call
     * @param report  the markdown report, as written to {@code report.md}
     */
    public record Outcome(List<CellResult> results, int reused, int ran, int errors, double seconds, String report) {
    }

    /**
     * Runs {@code plan} into {@code out}.
     *
     * @param gridText the grid file's text, kept as {@code grid.yaml} beside the results
     * @throws InvalidInputException for a bad cell (all listed), a folder that is not a comparison, or a grid that
     *                               would mix incompatible results (without {@code force})
     */
    public static Outcome run(CellWorker worker, GridPlan plan, String gridText, Path out, CellExecutor executor,
                              CellExecutor.Options options, boolean force, Progress progress) {
        executor.check(options);
        Path root = ResultDirectory.checkInPlace(out, ResultDirectory.Kind.COMPARISON);
        refuseLinks(root, root.resolve("cells"), plan);
        plan.validate(worker, progress::checked);
        FolderLock lock = Files.isDirectory(root) ? FolderLock.acquire(root, "invariantlab compare " + plan.grid().name())
                : null;
        try {
            return resume(worker, plan, gridText, root, executor, options, force, progress, lock);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private static Outcome resume(CellWorker worker, GridPlan plan, String gridText, Path root, CellExecutor executor,
                                  CellExecutor.Options options, boolean force, Progress progress, FolderLock held) {
        Path cells = root.resolve("cells");
        refuseLinks(root, cells, plan); // again, under the lock
        Map<String, CellResult> finished = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        Map<String, String> jarsNow = new LinkedHashMap<>();
        CellWorker.pluginJars(worker.lab()).forEach(p -> jarsNow.put(p.id(), p.sha256()));
        for (Cell c : plan.cells()) {
            Optional<CellResult> earlier = read(cells.resolve(c.id()));
            if (earlier.isEmpty() || !earlier.get().finished()) {
                continue;
            }
            CellResult r = earlier.get();
            String conflict = null;
            if (!c.fingerprint().equals(r.cell().fingerprint())) {
                conflict = c.id() + ": its settings in the grid changed";
            } else if (r.provenance() != null) {
                for (CellResult.PluginJar j : r.provenance().plugins()) {
                    String now = jarsNow.get(j.id());
                    if (now != null && !now.equals(j.sha256())) {
                        conflict = c.id() + ": plugin '" + j.id() + "' is another jar now (" + j.jar() + " changed)";
                        break;
                    }
                }
            }
            if (conflict == null) {
                finished.put(c.id(), r);
            } else {
                conflicts.add(conflict);
            }
        }
        if (!conflicts.isEmpty() && !force) {
            StringBuilder b = new StringBuilder(root + " holds " + conflicts.size() + " finished cell"
                    + (conflicts.size() == 1 ? "" : "s") + " that this grid would run differently, and mixing them would "
                    + "compare unlike results; use another --out, or --force to run them again:");
            conflicts.stream().limit(10).forEach(c -> b.append("\n  ").append(c));
            if (conflicts.size() > 10) {
                b.append("\n  … and ").append(conflicts.size() - 10).append(" more");
            }
            throw new InvalidInputException(b.toString());
        }
        ResultDirectory.openInPlace(root, ResultDirectory.Kind.COMPARISON);
        try (FolderLock lock = held != null ? null : FolderLock.acquire(root, "invariantlab compare " + plan.grid().name())) {
            return runCells(worker, plan, gridText, root, executor, options, progress, finished);
        }
    }

    private static Outcome runCells(CellWorker worker, GridPlan plan, String gridText, Path root, CellExecutor executor,
                                    CellExecutor.Options options, Progress progress, Map<String, CellResult> finished) {
        Path cells = root.resolve("cells");
        AtomicFiles.writeString(root.resolve(Manifest.FILE), Json.write(Manifest.of(plan)), true);
        AtomicFiles.writeString(root.resolve("grid.yaml"), gridText, true);
        int total = plan.cells().size();
        progress.reused(finished.size(), total);
        List<Cell> pending = plan.cells().stream().filter(c -> !finished.containsKey(c.id())).toList();
        long t0 = System.nanoTime();
        int[] ran = {0};
        int[] errors = {0};
        Map<String, CellResult> results = new LinkedHashMap<>(finished);
        executor.execute(new CellExecutor.Context(worker, cells, options, progress), pending, new CellExecutor.Sink() {
            @Override
            public void started(Cell cell) {
                progress.cellStarted(cell, results.size(), total, eta(pending, results, t0, ran[0]));
            }

            @Override
            public void finished(CellResult result) {
                ran[0]++;
                if (!result.finished()) {
                    errors[0]++;
                }
                results.put(result.cell().id(), result);
                progress.cellFinished(result, results.size(), total, eta(pending, results, t0, ran[0]));
            }
        });
        List<CellResult> ordered = new ArrayList<>();
        for (Cell c : plan.cells()) {
            CellResult r = results.get(c.id());
            if (r != null) {
                ordered.add(r);
            }
        }
        String report = ComparisonReport.write(root, Manifest.of(plan), ordered);
        return new Outcome(ordered, finished.size(), ran[0], errors[0], (System.nanoTime() - t0) / 1e9, report);
    }

    /**
     * Refuses a comparison folder whose {@code cells} folder, or one of whose cell folders, is a symbolic link (or
     * anything but a folder): InvariantLab never writes through a link out of a comparison folder.
     */
    static void refuseLinks(Path root, Path cells, GridPlan plan) {
        List<String> bad = new ArrayList<>();
        if (Files.exists(cells, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(cells, LinkOption.NOFOLLOW_LINKS)) {
            bad.add("cells is " + OutputPaths.describe(cells));
        } else if (Files.isDirectory(cells, LinkOption.NOFOLLOW_LINKS)) {
            for (Cell c : plan.cells()) {
                Path dir = cells.resolve(c.id());
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    bad.add("cells/" + c.id() + " is " + OutputPaths.describe(dir));
                }
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidInputException(root + " holds what InvariantLab did not write where a cell belongs ("
                    + String.join("; ", bad.subList(0, Math.min(3, bad.size()))) + (bad.size() > 3 ? "; and "
                    + (bad.size() - 3) + " more" : "") + "); it never writes through links or over other files in a "
                    + "comparison folder: remove them, or choose another --out");
        }
    }

    private static double eta(List<Cell> pending, Map<String, CellResult> results, long t0, int ran) {
        double wall = (System.nanoTime() - t0) / 1e9;
        double cellSeconds = 0;
        for (Cell c : pending) {
            CellResult r = results.get(c.id());
            if (r != null && r.provenance() != null) {
                cellSeconds += r.provenance().seconds();
            }
        }
        return eta(pending, results, ran == 0 ? Double.NaN : wall / cellSeconds);
    }

    /**
     * The time left: each cell not yet finished is expected to take what the finished cells of its data set and
     * method took on average (else those of its method, else all finished cells), and the sum is scaled by how wall
     * time relates to cell time in this run ({@code wallPerCellSecond}: below 1 with cells in parallel). A grid whose
     * last cells are its heaviest (the benchmark's Calogero–Moser counts) is no longer estimated from its light first
     * cells alone. NaN before any cell of this run has finished.
     */
    static double eta(List<Cell> pending, Map<String, CellResult> results, double wallPerCellSecond) {
        if (!(wallPerCellSecond > 0) || !Double.isFinite(wallPerCellSecond)) {
            return Double.NaN;
        }
        Map<String, double[]> byDataMethod = new LinkedHashMap<>();
        Map<String, double[]> byMethod = new LinkedHashMap<>();
        double[] all = new double[2];
        for (CellResult r : results.values()) {
            if (r.provenance() == null || !r.finished()) {
                continue;
            }
            double s = r.provenance().seconds();
            add(byDataMethod, r.cell().data() + "\u0000" + r.cell().method(), s);
            add(byMethod, r.cell().method(), s);
            all[0] += s;
            all[1]++;
        }
        if (all[1] == 0) {
            return Double.NaN;
        }
        double left = 0;
        for (Cell c : pending) {
            if (results.containsKey(c.id())) {
                continue;
            }
            double[] m = byDataMethod.getOrDefault(c.data() + "\u0000" + c.method(), byMethod.getOrDefault(c.method(), all));
            left += m[0] / m[1];
        }
        return left * wallPerCellSecond;
    }

    private static void add(Map<String, double[]> sums, String key, double seconds) {
        double[] v = sums.computeIfAbsent(key, k -> new double[2]);
        v[0] += seconds;
        v[1]++;
    }

    /** The {@code cell.json} in {@code dir}, if it exists and can be read. */
    public static Optional<CellResult> read(Path dir) {
        Path file = dir.resolve(CellWorker.CELL_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), CellResult.class));
        } catch (IOException e) {
            return Optional.empty(); // unreadable: run again
        }
    }

    /**
     * Every result listed by the folder's {@code plan.json} that exists, in order, with its metrics computed afresh
     * from the cell's own run or count files (for {@code report}: the report follows the current definitions).
     */
    public static List<CellResult> stored(Path dir, Manifest manifest) {
        List<CellResult> out = new ArrayList<>();
        for (Manifest.Entry e : manifest.cells()) {
            Path cell = dir.resolve("cells").resolve(e.id());
            read(cell).map(r -> CellWorker.refreshed(r, cell)).ifPresent(out::add);
        }
        return out;
    }
}
