package org.invariantlab.core.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.invariantlab.core.io.AtomicFiles;
import org.invariantlab.core.report.Plots;

/**
 * The report of a comparison, from the stored cell results alone (so {@code invariantlab report DIR} rebuilds it
 * without training): {@code results.csv} (one row per cell), {@code report.md}, a self-contained
 * {@code report.html} (styles inline, plots as data URIs, formulas as MathML: it opens without a network), and the
 * plots under {@code report/}; the markdown and the HTML say the same.
 *
 * <p>First the {@link Scoreboard}: data sets × methods, one coloured mark per seed with what the cell found
 * ({@link CellOutcome}). Then per data set: a table with the methods as rows, mean ± sample standard deviation over
 * seeds of every metric some method defines ({@link Metric}), per sweep value when the grid sweeps, over the cells
 * that are not flagged (failed or shortcut: listed apart); the formulas each method found, with their verdicts and
 * how many cells found them; the plots of one cell per method that explain its answer (spectrum, latent against the
 * truth, …); a chart per continuous metric when there is something to compare (two methods or more, or a sweep),
 * error bars clipped at the metric's bounds, none for yes/no metrics; and every cell's plots, folded.
 */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    /**
     * Mean, sample standard deviation (NaN for one value) and number of values.
     */
    record Stat(double mean, double std, int n) {
        static Stat of(List<Double> values) {
            int n = values.size();
            if (n == 0) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Stat(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
        }

        String format(Metric m) {
            if (n == 0) {
                return "—";
            }
            return m.format(mean) + (n > 1 ? " ± " + m.format(std).replace(" %", "") + (m.percent() ? " %" : "") : "");
        }
    }

    /**
     * The cells of one method (at one sweep value) on one data set; {@code stats} over the cells not flagged
     * ({@link CellOutcome.Kind#flagged()}), which are in {@code flagged}.
     */
    record Row(String method, String sweep, List<CellResult> cells, List<CellOutcome> flagged,
               Map<Metric, Stat> stats) {

        /** How many cells the means are over. */
        int included() {
            return cells.size() - flagged.size();
        }
    }

    /**
     * Writes {@code results.csv}, {@code report.md}, {@code report.html} and {@code report/*.png} into {@code dir},
     * and returns the markdown report (for the console).
     */
    public static String write(Path dir, Manifest manifest, List<CellResult> results) {
        AtomicFiles.writeString(dir.resolve("results.csv"), csv(results), true);
        List<CellOutcome> outcomes = CellOutcome.of(results);
        Scoreboard board = Scoreboard.of(manifest, outcomes);
        Map<String, List<Row>> byData = rows(manifest, outcomes);
        Map<String, List<Path>> plots = plots(dir, manifest, byData);
        String md = markdown(manifest, outcomes, board, byData, plots);
        AtomicFiles.writeString(dir.resolve("report.md"), md, true);
        AtomicFiles.writeString(dir.resolve("report.html"), html(dir, manifest, outcomes, board, byData, plots), true);
        return md;
    }

    static Map<String, List<Row>> rows(Manifest manifest, List<CellOutcome> outcomes) {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        for (String data : manifest.data()) {
            List<Row> rows = new ArrayList<>();
            for (String method : manifest.methods()) {
                Map<String, List<CellOutcome>> bySweep = new LinkedHashMap<>();
                for (CellOutcome o : outcomes) {
                    Cell c = o.result().cell();
                    if (c.data().equals(data) && c.method().equals(method)) {
                        bySweep.computeIfAbsent(sweep(c), k -> new ArrayList<>()).add(o);
                    }
                }
                bySweep.forEach((sweep, cells) -> {
                    Map<Metric, Stat> stats = new EnumMap<>(Metric.class);
                    for (Metric m : Metric.values()) {
                        List<Double> values = new ArrayList<>();
                        for (CellOutcome c : cells) {
                            Double v = c.kind().flagged() ? null : m.of(c.result().metrics());
                            if (v != null) {
                                values.add(v);
                            }
                        }
                        stats.put(m, Stat.of(values));
                    }
                    rows.add(new Row(method, sweep, cells.stream().map(CellOutcome::result).toList(),
                            cells.stream().filter(c -> c.kind().flagged()).toList(), stats));
                });
            }
            if (!rows.isEmpty()) {
                out.put(data, rows);
            }
        }
        return out;
    }

    /** A cell's sweep value as the report prints it, or "" without a sweep. */
    static String sweep(Cell c) {
        return c.noise() != null ? number(c.noise()) : c.size() != null ? String.valueOf(c.size()) : "";
    }

    private static String number(double v) {
        String s = String.valueOf(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** A table cell: mean ± std, and how many cells it is over when fewer than the row's included cells. */
    private static String cell(Row r, Metric m) {
        Stat s = r.stats().get(m);
        return s.format(m) + (s.n() > 0 && s.n() < r.included() ? " (of " + s.n() + ")" : "");
    }

    private static List<Metric> shown(List<Row> rows) {
        List<Metric> out = new ArrayList<>();
        for (Metric m : Metric.values()) {
            if (rows.stream().anyMatch(r -> r.stats().get(m).n() > 0)) {
                out.add(m);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- results.csv

    static String csv(List<CellResult> results) {
        StringBuilder b = new StringBuilder("cell,data,method,kind,seed,noise,size,status");
        for (Metric m : Metric.values()) {
            b.append(',').append(m.column());
        }
        b.append(",true_independent,true_in_involution,formulas,message\n");
        for (CellResult r : results) {
            Cell c = r.cell();
            b.append(csvField(c.id())).append(',').append(csvField(c.data())).append(',').append(csvField(c.method()))
                    .append(',').append(c.kind()).append(',').append(c.seed()).append(',')
                    .append(c.noise() == null ? "" : number(c.noise())).append(',')
                    .append(c.size() == null ? "" : c.size()).append(',').append(r.status());
            for (Metric m : Metric.values()) {
                Double v = m.of(r.metrics());
                b.append(',').append(v == null ? "" : String.valueOf(v));
            }
            CellResult.Metrics x = r.metrics();
            b.append(',').append(x == null || x.trueIndependent() == null ? "" : x.trueIndependent());
            b.append(',').append(x == null || x.trueInInvolution() == null ? "" : x.trueInInvolution());
            b.append(',').append(csvField(x == null ? "" : String.join("; ",
                    x.formulas().stream().map(CellResult.Formula::expression).toList())));
            b.append(',').append(csvField(r.message() == null ? "" : r.message())).append('\n');
        }
        return b.toString();
    }

    private static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    // ---------------------------------------------------------------- plots

    /**
     * The metrics worth a chart on one data set: continuous ones (no yes/no metric, no rate of exact formulas, which
     * the scoreboard shows per cell), defined by some row, when there is something to compare: two rows or more, or
     * a sweep.
     */
    private static List<Metric> charted(Manifest manifest, List<Row> rows) {
        if (manifest.sweep() == null && rows.size() < 2) {
            return List.of();
        }
        return shown(rows).stream().filter(m -> !m.yesNo() && m != Metric.EXACT_FORMULA_RATE).toList();
    }

    /** The error bar of a mean: the standard deviation, clipped so that mean ± error stays within the metric's bounds. */
    static double clippedError(Metric m, double mean, double std) {
        if (!Double.isFinite(std)) {
            return 0;
        }
        return Math.max(0, Math.min(std, Math.min(mean - m.lowest(), m.highest() - mean)));
    }

    private static Map<String, List<Path>> plots(Path dir, Manifest manifest, Map<String, List<Row>> byData) {
        Map<String, List<Path>> out = new LinkedHashMap<>();
        Path folder = dir.resolve("report");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + folder, e);
        }
        for (Map.Entry<String, List<Row>> e : byData.entrySet()) {
            List<Path> files = new ArrayList<>();
            for (Metric m : charted(manifest, e.getValue())) {
                Path png = folder.resolve(e.getKey() + "--" + m.column() + ".png");
                List<Row> rows = e.getValue().stream().filter(r -> Double.isFinite(r.stats().get(m).mean())).toList();
                if (rows.isEmpty() || (manifest.sweep() == null && rows.size() < 2) || allEqual(m, rows)) {
                    continue; // nothing, or nothing to compare, to draw (the table says it)
                }
                if (manifest.sweep() == null) {
                    Plots.bars(png, e.getKey() + ": " + m.header() + " (mean ± std over seeds)", m.header(),
                            rows.stream().map(Row::method).toList(),
                            rows.stream().map(r -> r.stats().get(m).mean()).toList(),
                            rows.stream().map(r -> clippedError(m, r.stats().get(m).mean(), r.stats().get(m).std()))
                                    .toList(), true);
                } else {
                    Map<String, double[][]> series = new LinkedHashMap<>();
                    for (String method : manifest.methods()) {
                        List<Row> of = rows.stream().filter(r -> r.method().equals(method)).toList();
                        if (of.isEmpty()) {
                            continue;
                        }
                        double[][] v = new double[3][of.size()];
                        for (int i = 0; i < of.size(); i++) {
                            Stat st = of.get(i).stats().get(m);
                            v[0][i] = Double.parseDouble(of.get(i).sweep());
                            v[1][i] = st.mean();
                            v[2][i] = clippedError(m, st.mean(), st.std());
                        }
                        series.put(method, v);
                    }
                    Plots.lines(png, e.getKey() + ": " + m.header() + " against " + manifest.sweep(),
                            manifest.sweep(), m.header(), series, true);
                }
                files.add(png);
            }
            out.put(e.getKey(), files);
        }
        return out;
    }

    /** Every row has the same mean and no spread: a chart of equal bars (often all 0) would look empty. */
    static boolean allEqual(Metric m, List<Row> rows) {
        double first = rows.get(0).stats().get(m).mean();
        return rows.stream().allMatch(r -> r.stats().get(m).mean() == first
                && !(clippedError(m, r.stats().get(m).mean(), r.stats().get(m).std()) > 0));
    }

    /** The plots of one finished cell per method that explain its answer (all but the training curve). */
    private static List<Map.Entry<CellResult, String>> explaining(List<Row> rows) {
        List<Map.Entry<CellResult, String>> out = new ArrayList<>();
        for (Row r : rows) {
            r.cells().stream().filter(c -> c.metrics() != null && !c.metrics().plots().isEmpty()).findFirst()
                    .ifPresent(c -> c.metrics().plots().stream().filter(p -> !p.equals("training.png"))
                            .forEach(p -> out.add(Map.entry(c, p))));
        }
        return out;
    }

    // ---------------------------------------------------------------- report.md

    private static String markdown(Manifest manifest, List<CellOutcome> outcomes, Scoreboard board,
                                   Map<String, List<Row>> byData, Map<String, List<Path>> plots) {
        StringBuilder b = new StringBuilder("# Comparison: ").append(manifest.name()).append("\n\n");
        if (!manifest.description().isBlank()) {
            b.append(manifest.description()).append("\n\n");
        }
        b.append(overview(manifest, outcomes)).append("\n\n## Scoreboard\n\n").append(board.markdown()).append('\n');
        b.append("Tables: mean ± sample standard deviation over the seeds (n: the cells in the means); ")
                .append("rates are the share of those cells. `results.csv` has every cell.\n");
        for (Map.Entry<String, List<Row>> e : byData.entrySet()) {
            List<Metric> shown = shown(e.getValue());
            b.append("\n## ").append(e.getKey()).append("\n\n| method |");
            if (manifest.sweep() != null) {
                b.append(' ').append(manifest.sweep()).append(" |");
            }
            b.append(" n |");
            shown.forEach(m -> b.append(' ').append(m.header().replace("|", "\\|")).append(" |"));
            b.append("\n|---|").append(manifest.sweep() != null ? "---|" : "").append("---|");
            shown.forEach(m -> b.append("---|"));
            b.append('\n');
            for (Row r : e.getValue()) {
                b.append("| ").append(r.method()).append(" |");
                if (manifest.sweep() != null) {
                    b.append(' ').append(r.sweep()).append(" |");
                }
                b.append(' ').append(r.included()).append(" |");
                shown.forEach(m -> b.append(' ').append(cell(r, m)).append(" |"));
                b.append('\n');
            }
            List<String> apart = apart(e.getValue());
            if (!apart.isEmpty()) {
                b.append("\nNot in the means:\n\n");
                apart.forEach(a -> b.append("- ").append(a).append('\n'));
            }
            b.append("\nFormulas found:");
            b.append(e.getValue().stream().allMatch(r -> formulas(r).isEmpty()) ? " none.\n" : "\n\n");
            for (Row r : e.getValue()) {
                for (Map.Entry<CellResult.Formula, Integer> f : formulas(r).entrySet()) {
                    b.append("- ").append(r.method()).append(r.sweep().isEmpty() ? "" : " (" + manifest.sweep() + " "
                            + r.sweep() + ")").append(": `").append(f.getKey().expression()).append("` (")
                            .append(f.getKey().verdictWord()).append("), in ").append(f.getValue()).append(" of ")
                            .append(r.cells().size()).append(" cells\n");
                }
            }
            b.append('\n');
            for (Map.Entry<CellResult, String> p : explaining(e.getValue())) {
                String id = p.getKey().cell().id();
                b.append("![").append(id).append(": ").append(p.getValue()).append("](cells/").append(id).append('/')
                        .append(p.getValue()).append(")\n");
            }
            for (Path p : plots.getOrDefault(e.getKey(), List.of())) {
                b.append("![").append(p.getFileName()).append("](report/").append(p.getFileName()).append(")\n");
            }
            b.append("\nCells: ");
            List<String> links = new ArrayList<>();
            for (Row r : e.getValue()) {
                for (CellResult c : r.cells()) {
                    links.add("[" + c.cell().id() + "](cells/" + c.cell().id() + "/)");
                }
            }
            b.append(String.join(", ", links)).append('\n');
        }
        return b.toString();
    }

    /**
     * The grid in numbers: data sets, methods (per data set when each has its own), seeds, cells, and how the cells
     * ended.
     */
    static String overview(Manifest manifest, List<CellOutcome> outcomes) {
        List<CellResult> results = outcomes.stream().map(CellOutcome::result).toList();
        Set<String> data = new LinkedHashSet<>();
        Map<String, Set<String>> methodsOf = new LinkedHashMap<>();
        Set<Long> seeds = new LinkedHashSet<>();
        for (Manifest.Entry e : manifest.cells()) {
            Cell c = results.stream().map(CellResult::cell).filter(x -> x.id().equals(e.id())).findFirst().orElse(null);
            if (c != null) {
                data.add(c.data());
                methodsOf.computeIfAbsent(c.data(), d -> new LinkedHashSet<>()).add(c.method());
                seeds.add(c.seed());
            }
        }
        Set<String> methods = new LinkedHashSet<>();
        methodsOf.values().forEach(methods::addAll);
        int perData = methodsOf.values().stream().mapToInt(Set::size).max().orElse(0);
        String shape = plural(data.size(), "data set") + " × " + (methods.size() == perData
                ? plural(methods.size(), "method") : plural(perData, "method") + " each (of " + methods.size() + ")")
                + " × " + plural(seeds.size(), "seed");
        int missing = manifest.cells().size() - results.size();
        if (missing > 0) { // the shape of what finished, not of the whole grid
            return String.format(Locale.ROOT, "Grid `%s`%s: %d cells, %d finished (%s%s among them): %s; %d not run "
                    + "yet (run the same compare again to finish them).", manifest.grid(), manifest.quick()
                    ? " (--quick)" : "", manifest.cells().size(), results.size(), shape, manifest.sweep() == null ? ""
                    : " at each " + manifest.sweep(), results.isEmpty() ? "none" : Scoreboard.tally(outcomes), missing);
        }
        return String.format(Locale.ROOT, "Grid `%s`%s: %s%s, %d cells — %d finished: %s.", manifest.grid(),
                manifest.quick() ? " (--quick)" : "", shape, manifest.sweep() == null ? "" : " at each "
                        + manifest.sweep(), manifest.cells().size(), results.size(), Scoreboard.tally(outcomes));
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static Map<CellResult.Formula, Integer> formulas(Row r) {
        Map<String, CellResult.Formula> first = new LinkedHashMap<>();
        Map<CellResult.Formula, Integer> out = new LinkedHashMap<>();
        for (CellResult c : r.cells()) {
            if (c.metrics() == null) {
                continue;
            }
            for (CellResult.Formula f : c.metrics().formulas()) {
                CellResult.Formula key = first.computeIfAbsent(f.expression(), k -> f);
                out.merge(key, 1, Integer::sum);
            }
        }
        return out;
    }

    /** The cells left out of the means, each with why. */
    private static List<String> apart(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            for (CellOutcome o : r.flagged()) {
                CellResult c = o.result();
                String accuracy = c.metrics() == null || c.metrics().testAccuracy() == null ? ""
                        : String.format(Locale.ROOT, ", test accuracy %.1f %%", 100 * c.metrics().testAccuracy());
                out.add(c.cell().id() + ": " + o.kind().word() + " (" + o.label() + accuracy + ")"
                        + (c.message() == null ? "" : " — " + c.message()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- report.html

    private static String html(Path dir, Manifest manifest, List<CellOutcome> outcomes, Scoreboard board,
                               Map<String, List<Row>> byData, Map<String, List<Path>> plots) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Comparison: ")
                .append(esc(manifest.name())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1200px;"
                        + "padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:14px}\n")
                .append("th,td{border:1px solid #bbb;padding:4px 8px;text-align:right}\n")
                .append("th:first-child,td:first-child{text-align:left}\nth{background:#eef}\n")
                .append("img{max-width:48%;margin:4px;border:1px solid #ddd}\n")
                .append("details img{max-width:32%}\nli{margin:3px 0}\nmath{font-size:110%}\n")
                .append("figure{display:inline-block;width:48%;margin:4px}\nfigure img{max-width:100%}\n")
                .append("figcaption{font-size:12px;color:#555}\n")
                .append("code{background:#f4f4f4;padding:0 3px}\n")
                // long formulas and cell links wrap; a wide MathML formula scrolls inside its section, not the page
                .append("li,p,code{overflow-wrap:anywhere}\nsection.data{overflow-x:auto}\n").append(Scoreboard.CSS)
                .append("</style>\n</head>\n<body>\n");
        b.append("<h1>Comparison: ").append(esc(manifest.name())).append("</h1>\n");
        if (!manifest.description().isBlank()) {
            b.append("<p>").append(esc(manifest.description())).append("</p>\n");
        }
        b.append("<p>").append(esc(overview(manifest, outcomes)).replaceAll("`([^`]*)`", "<code>$1</code>"))
                .append("</p>\n<h2>Scoreboard</h2>\n").append(board.html())
                .append("<p>Tables: mean ± sample standard deviation over the seeds (n: the cells in the means); rates "
                        + "are the share of those cells. <code>results.csv</code> has every cell.</p>\n");
        for (Map.Entry<String, List<Row>> e : byData.entrySet()) {
            List<Metric> shown = shown(e.getValue());
            b.append("<section class=\"data\">\n<h2>").append(esc(e.getKey())).append("</h2>\n<table class=\"means\">\n<thead><tr><th>method</th>");
            if (manifest.sweep() != null) {
                b.append("<th>").append(esc(manifest.sweep())).append("</th>");
            }
            b.append("<th>n</th>");
            shown.forEach(m -> b.append("<th>").append(esc(m.header())).append("</th>"));
            b.append("</tr></thead>\n<tbody>\n");
            for (Row r : e.getValue()) {
                b.append("<tr><td>").append(esc(r.method())).append("</td>");
                if (manifest.sweep() != null) {
                    b.append("<td>").append(esc(r.sweep())).append("</td>");
                }
                b.append("<td>").append(r.included()).append("</td>");
                shown.forEach(m -> b.append("<td>").append(esc(cell(r, m))).append("</td>"));
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table>\n");
            List<String> apart = apart(e.getValue());
            if (!apart.isEmpty()) {
                b.append("<p>Not in the means:</p>\n<ul class=\"apart\">\n");
                apart.forEach(a -> b.append("<li>").append(esc(a)).append("</li>\n"));
                b.append("</ul>\n");
            }
            b.append("<h3>Formulas found</h3>\n");
            if (e.getValue().stream().allMatch(r -> formulas(r).isEmpty())) {
                b.append("<p>none</p>\n");
            } else {
                b.append("<ul class=\"formulas\">\n");
                for (Row r : e.getValue()) {
                    for (Map.Entry<CellResult.Formula, Integer> f : formulas(r).entrySet()) {
                        CellResult.Formula x = f.getKey();
                        b.append("<li>").append(esc(r.method())).append(r.sweep().isEmpty() ? ""
                                : " (" + esc(manifest.sweep()) + " " + esc(r.sweep()) + ")").append(": ")
                                .append(x.mathml() != null ? x.mathml() : "<code>" + esc(x.expression()) + "</code>")
                                .append(" (").append(esc(x.verdictWord())).append("), in ").append(f.getValue())
                                .append(" of ").append(r.cells().size()).append(" cells</li>\n");
                    }
                }
                b.append("</ul>\n");
            }
            b.append("<div class=\"plots\">\n");
            for (Map.Entry<CellResult, String> p : explaining(e.getValue())) {
                String id = p.getKey().cell().id();
                b.append("<figure>").append(img(dir.resolve("cells").resolve(id).resolve(p.getValue()), id + " "
                        + p.getValue())).append("<figcaption>").append(esc(id + ": " + p.getValue()))
                        .append("</figcaption></figure>\n");
            }
            for (Path p : plots.getOrDefault(e.getKey(), List.of())) {
                b.append(img(p, p.getFileName().toString()));
            }
            b.append("</div>\n<details><summary>Every cell's plots</summary>\n");
            for (Row r : e.getValue()) {
                for (CellResult c : r.cells()) {
                    if (c.metrics() == null || c.metrics().plots().isEmpty()) {
                        continue;
                    }
                    b.append("<h4>").append(esc(c.cell().id())).append("</h4>\n");
                    for (String p : c.metrics().plots()) {
                        b.append(img(dir.resolve("cells").resolve(c.cell().id()).resolve(p), c.cell().id() + " " + p));
                    }
                }
            }
            b.append("</details>\n</section>\n");
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static String img(Path png, String alt) {
        try {
            return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(Files.readAllBytes(png)) + "\">\n";
        } catch (IOException e) {
            return "<p>(plot " + esc(alt) + " missing)</p>\n";
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
