package org.invariantlab.core.compare;

import org.invariantlab.core.score.GroupCorrelation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.invariantlab.api.ApiVersion;
import java.nio.file.LinkOption;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.io.OutputPaths;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.count.CountJob;
import org.invariantlab.core.count.CountResult;
import org.invariantlab.core.count.CountRun;
import org.invariantlab.core.io.AtomicFiles;
import org.invariantlab.core.io.Digests;
import org.invariantlab.core.io.Json;
import org.invariantlab.core.plugin.PluginInfo;
import org.invariantlab.core.job.JobListener;
import org.invariantlab.core.run.RunMetrics;
import org.invariantlab.core.run.RunOutcome;
import org.invariantlab.core.run.Runner;
import org.invariantlab.core.symbolic.Cas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one cell where it is called — in the {@code compare} process (local executor) or in a Spark task — into
 * {@code cells/<id>/}: the ordinary run or count folder, then {@code cell.json} ({@link CellResult}) beside its
 * files, written last and atomically, so that a cell with {@code cell.json} is finished.
 */
public final class CellWorker {

    /** The file that marks a finished cell. */
    public static final String CELL_FILE = "cell.json";

    private static final Logger LOG = LoggerFactory.getLogger(CellWorker.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper READER = new com.fasterxml.jackson.databind.ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Map<String, String> JAR_DIGESTS = new ConcurrentHashMap<>();
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?![A-Za-z0-9]*\\s*\\()");

    private final InvariantLab lab;
    private final Runner runner;
    private final CountJob counts;

    /** Built by the lab's injector ({@link InvariantLab#services()}): the jobs a cell may be. */
    @jakarta.inject.Inject
    public CellWorker(InvariantLab lab, Runner runner, CountJob counts) {
        this.lab = java.util.Objects.requireNonNull(lab, "lab");
        this.runner = java.util.Objects.requireNonNull(runner, "runner");
        this.counts = java.util.Objects.requireNonNull(counts, "counts");
    }

    /** The lab whose plugins the cells run with. */
    public InvariantLab lab() {
        return lab;
    }

    /** The runner of the cells that learn one invariant (and that checks them before a grid starts). */
    public Runner runner() {
        return runner;
    }

    /** The counter of the cells that count. */
    public CountJob counts() {
        return counts;
    }

    /**
     * Runs {@code cell} into {@code cells/<id>/} and writes its {@code cell.json}; a run that fails is recorded with
     * status {@code error} and its reason (and is run again on resume).
     *
     * @param executor which executor and host ran it, for the provenance
     */
    public CellResult run(Cell cell, Path cells, String executor, JobListener listener) {
        Path dir = cells.resolve(cell.id());
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        String command = "invariantlab compare (cell " + cell.id() + ")";
        if (Files.isSymbolicLink(cells) || Files.isSymbolicLink(dir)
                || Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(dir + " is " + OutputPaths.describe(Files.isSymbolicLink(cells) ? cells : dir)
                    + ", not a cell folder; InvariantLab never writes through links in a comparison folder: remove it");
        }
        try {
            Files.deleteIfExists(dir.resolve(CELL_FILE)); // run again: an error, or a cell of other settings (--force)
        } catch (IOException e) {
            throw new InvariantLabException("cannot replace " + dir.resolve(CELL_FILE) + ": " + e.getMessage(), e);
        }
        CellResult.Metrics metrics = null;
        String status;
        String message = null;
        try {
            if (cell.task() instanceof CellTask.Run r) {
                RunOutcome o = runner.run(r.spec(), dir, true, command, listener);
                metrics = runMetrics(o.metrics(), dir);
                status = o.status().id();
                message = o.completed() ? null : o.statusMessage();
            } else {
                CountRun run = counts.run(((CellTask.Count) cell.task()).spec(), dir, true, command, listener,
                        turn -> LOG.warn("cell {}: neighbouring steps of a trajectory turn by {} degrees (median)",
                                cell.id(), Math.round(turn)));
                metrics = countMetrics(run.result(), dir);
                status = "completed";
            }
        } catch (InvariantLabException | OutOfMemoryError e) {
            status = CellResult.ERROR;
            message = e instanceof OutOfMemoryError ? "out of memory; give Java more heap (JAVA_OPTS=-Xmx…)"
                    : e.getMessage();
            LOG.debug("cell {} failed", cell.id(), e);
        }
        CellResult result = new CellResult(cell, status, message, metrics, provenance(lab, executor, start, t0));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvariantLabException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeString(dir.resolve(CELL_FILE), Json.write(result), true);
        return result;
    }

    static CellResult.Metrics runMetrics(RunMetrics m, Path dir) {
        Double absR = m.pearsonPerInvariant().values().stream().filter(v -> v != null && Double.isFinite(v))
                .map(Math::abs).max(Double::compare).orElse(null);
        List<CellResult.Formula> formulas = new ArrayList<>();
        for (int j = 0; j < m.formulas().size(); j++) {
            String f = m.formulas().get(j);
            formulas.add(new CellResult.Formula(f, m.formulaExact(), m.formulaMatches(), mathML(f),
                    j < m.formulaVerdicts().size() ? m.formulaVerdicts().get(j) : null));
        }
        Double exactRate = m.formulas().isEmpty() ? null : (m.formulaExact() ? 1.0 : 0.0);
        GroupCorrelation c = m.correlation().values().stream().filter(g -> Double.isFinite(g.pearson()))
                .max(java.util.Comparator.comparingDouble(GroupCorrelation::pearson)).orElse(null);
        Double freshAbsR = m.freshCorrelation().values().stream().map(GroupCorrelation::pearson)
                .filter(Double::isFinite).max(Double::compare).orElse(null);
        return CellResult.Metrics.ofRun(new CellResult.Learned(m.testAccuracy(), finite(m.gradientAlignment()), absR,
                finite(m.r2()), c == null ? null : finite(c.spearman()), c == null ? null : finite(c.spread()),
                c == null ? null : finite(c.mv()), freshAbsR), exactRate, m.trainSeconds(), formulas, plots(dir));
    }

    /**
     * The cell's metrics computed afresh from the run's {@code metrics.json} or the count's {@code count.json} in
     * {@code dir}, so that a report follows the current definitions of the metrics; the stored ones when those
     * files are missing or unreadable (or the cell did not finish).
     */
    static CellResult refreshed(CellResult r, Path dir) {
        if (!r.finished() || r.metrics() == null) {
            return r;
        }
        try {
            CellResult.Metrics m = r.cell().task() instanceof CellTask.Run
                    ? runMetrics(org.invariantlab.core.run.ResultReader.readMetrics(dir.resolve("metrics.json")), dir)
                    : countMetrics(READER.readValue(dir.resolve("count.json").toFile(), CountResult.class), dir);
            return new CellResult(r.cell(), r.status(), r.message(), m, r.provenance());
        } catch (IOException | RuntimeException e) {
            LOG.debug("cell {}: keeping the stored metrics", r.cell().id(), e);
            return r;
        }
    }

    static CellResult.Metrics countMetrics(CountResult r, Path dir) {
        // the truth is what the system declares (a file's suspected invariants give their rank); a system that
        // declares no independent count (Calogero-Moser: superintegrable, the extra integrals not listed) has none
        Integer trueIndependent = r.declaredIndependent() >= 0 ? Integer.valueOf(r.declaredIndependent())
                : r.source().kind().equals("file") && !r.trueInvariants().isEmpty()
                ? Integer.valueOf(r.trueIndependent()) : null;
        Integer trueInvolution = r.declaredInInvolution() >= 0 ? Integer.valueOf(r.declaredInInvolution()) : null;
        // the decision is recomputed from the stored counts and formulas, so a report made with a newer rule re-decides
        Integer independent = r.decision() != null ? Integer.valueOf(r.decision().independent())
                : r.independent() >= 0 ? Integer.valueOf(r.independent()) : null;
        Integer involution = r.inInvolution() >= 0 ? Integer.valueOf(r.inInvolution()) : null;
        List<CellResult.Formula> formulas = new ArrayList<>();
        List<Double> alignments = new ArrayList<>();
        if (r.svd() != null) {
            r.svd().formulas().forEach(f -> formulas.add(formula(f)));
            if (r.svd().count() > 0 && Double.isFinite(r.svd().spanAlignment())) {
                alignments.add(r.svd().spanAlignment());
            }
        }
        for (CountResult.Deflation d : r.deflation()) {
            d.formulas().forEach(f -> formulas.add(formula(f)));
            double[] a = d.stageAlignment();
            for (int k = 0; k < Math.min(d.count(), a.length); k++) {
                if (Double.isFinite(a[k])) {
                    alignments.add(a[k]);
                }
            }
        }
        for (CountResult.MethodCount m : r.methods()) {
            m.formulas().forEach(f -> formulas.add(formula(f)));
        }
        Double alignment = alignments.isEmpty() ? null
                : alignments.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        Double exactRate = formulas.isEmpty() ? null
                : formulas.stream().filter(CellResult.Formula::exact).count() / (double) formulas.size();
        return CellResult.Metrics.ofCount(new CellResult.Counted(independent, involution, trueIndependent,
                trueInvolution, r.decision() == null ? null : !r.decision().confident()), alignment, exactRate,
                r.seconds(), formulas, plots(dir));
    }

    private static CellResult.Formula formula(CountResult.Formula f) {
        return new CellResult.Formula(f.expression(), f.exact(), f.matches(), mathML(f.expression()), f.verdict());
    }

    /** The formula as MathML, its identifiers kept as written; null if Symja cannot render it. */
    static String mathML(String expression) {
        LinkedHashSet<String> variables = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(expression);
        while (m.find()) {
            variables.add(m.group());
        }
        try {
            return Cas.mathML(expression, new ArrayList<>(variables));
        } catch (RuntimeException e) {
            LOG.debug("no MathML for {}", expression, e);
            return null;
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<String> plots(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Every plugin {@code lab} loaded, with its jar's SHA-256. */
    static List<CellResult.PluginJar> pluginJars(InvariantLab lab) {
        List<CellResult.PluginJar> jars = new ArrayList<>();
        for (PluginInfo p : lab.plugins()) {
            Path jar = lab.pluginsDirectory().resolve(p.jar());
            jars.add(new CellResult.PluginJar(p.id(), p.version(), jar.getFileName().toString(), sha256(jar)));
        }
        return jars;
    }

    static CellResult.Provenance provenance(InvariantLab lab, String executor, Instant start, long t0) {
        return new CellResult.Provenance(ApiVersion.current(), pluginJars(lab), System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ")", System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch"), cpu(), executor,
                start.toString(), Instant.now().toString(), (System.nanoTime() - t0) / 1e9);
    }

    /** The jar's SHA-256, computed once per process; "unreadable" when it cannot be read. */
    static String sha256(Path jar) {
        return JAR_DIGESTS.computeIfAbsent(jar.toAbsolutePath().toString(), k -> {
            try {
                return Digests.sha256(jar);
            } catch (java.io.UncheckedIOException e) {
                return "unreadable";
            }
        });
    }

    /** The processor model (from /proc/cpuinfo where there is one) and the cores Java sees. */
    static String cpu() {
        String model = System.getProperty("os.arch");
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try (Stream<String> lines = Files.lines(info)) {
                model = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                        .findFirst().orElse(model);
            } catch (IOException | java.io.UncheckedIOException e) {
                // keep the architecture
            }
        }
        return model + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
