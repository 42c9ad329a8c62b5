package org.invariantlab.core.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.invariantlab.core.io.AtomicFiles;
import org.invariantlab.core.report.Plots;

/**
 * The report of a comparison, from the stored cell results alone (so {@code invariantlab report DIR} rebuilds it
 * without training): {@code results.csv} (one row per cell), {@code report.md}, a self-contained
 * {@code report.html} (styles inline, plots as data URIs, formulas as MathML: it opens without a network), and the
 * plots under {@code report/}. Per data set, a table with the methods as rows: mean ± sample standard deviation over
 * seeds of every metric some method defines ({@link Metric}), per sweep value when the grid sweeps; the formulas
 * each method found, with how many cells found them; a bar chart per metric (or the metric against the sweep
 * value); and every cell's own plots.
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

    /** The cells of one method (at one sweep value) on one data set. */
    record Row(String method, String sweep, List<CellResult> cells, Map<Metric, Stat> stats) {
    }

    /**
     * Writes {@code results.csv}, {@code report.md}, {@code report.html} and {@code report/*.png} into {@code dir},
     * and returns the markdown report (for the console).
     */
    public static String write(Path dir, Manifest manifest, List<CellResult> results) {
        AtomicFiles.writeString(dir.resolve("results.csv"), csv(results), true);
        Map<String, List<Row>> byData = rows(manifest, results);
        Map<String, List<Path>> plots = plots(dir, manifest, byData);
        String md = markdown(dir, manifest, results, byData, plots);
        AtomicFiles.writeString(dir.resolve("report.md"), md, true);
        AtomicFiles.writeString(dir.resolve("report.html"), html(dir, manifest, results, byData, plots), true);
        return md;
    }

    static Map<String, List<Row>> rows(Manifest manifest, List<CellResult> results) {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        for (String data : manifest.data()) {
            List<Row> rows = new ArrayList<>();
            for (String method : manifest.methods()) {
                Map<String, List<CellResult>> bySweep = new LinkedHashMap<>();
                for (CellResult r : results) {
                    if (r.cell().data().equals(data) && r.cell().method().equals(method)) {
                        bySweep.computeIfAbsent(sweep(r.cell()), k -> new ArrayList<>()).add(r);
                    }
                }
                bySweep.forEach((sweep, cells) -> {
                    Map<Metric, Stat> stats = new EnumMap<>(Metric.class);
                    for (Metric m : Metric.values()) {
                        List<Double> values = new ArrayList<>();
                        for (CellResult c : cells) {
                            Double v = m.of(c.metrics());
                            if (v != null) {
                                values.add(v);
                            }
                        }
                        stats.put(m, Stat.of(values));
                    }
                    rows.add(new Row(method, sweep, cells, stats));
                });
            }
            if (!rows.isEmpty()) {
                out.put(data, rows);
            }
        }
        return out;
    }

    private static String sweep(Cell c) {
        return c.noise() != null ? number(c.noise()) : c.size() != null ? String.valueOf(c.size()) : "";
    }

    private static String number(double v) {
        String s = String.valueOf(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** A table cell: mean ± std, and how many cells it is over when fewer than the row's cells define it. */
    private static String cell(Row r, Metric m) {
        Stat s = r.stats().get(m);
        return s.format(m) + (s.n() > 0 && s.n() < r.cells().size() ? " (of " + s.n() + ")" : "");
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
            for (Metric m : shown(e.getValue())) {
                Path png = folder.resolve(e.getKey() + "--" + m.column() + ".png");
                try {
                    if (manifest.sweep() == null) {
                        Plots.bars(png, e.getKey() + ": " + m.header() + " (mean ± std over seeds)", m.header(),
                                e.getValue().stream().map(Row::method).toList(),
                                e.getValue().stream().map(r -> r.stats().get(m).mean()).toList(),
                                e.getValue().stream().map(r -> r.stats().get(m).std()).toList(), true);
                    } else {
                        Map<String, double[][]> series = new LinkedHashMap<>();
                        for (String method : manifest.methods()) {
                            List<Row> rows = e.getValue().stream().filter(r -> r.method().equals(method)).toList();
                            if (rows.isEmpty()) {
                                continue;
                            }
                            double[][] v = new double[3][rows.size()];
                            for (int i = 0; i < rows.size(); i++) {
                                v[0][i] = Double.parseDouble(rows.get(i).sweep());
                                v[1][i] = rows.get(i).stats().get(m).mean();
                                v[2][i] = rows.get(i).stats().get(m).std();
                            }
                            series.put(method, v);
                        }
                        Plots.lines(png, e.getKey() + ": " + m.header() + " against " + manifest.sweep(),
                                manifest.sweep(), m.header(), series, true);
                    }
                    files.add(png);
                } catch (IllegalArgumentException skipped) {
                    // nothing finite to draw for this metric
                }
            }
            out.put(e.getKey(), files);
        }
        return out;
    }

    // ---------------------------------------------------------------- report.md

    private static String markdown(Path dir, Manifest manifest, List<CellResult> results,
                                   Map<String, List<Row>> byData, Map<String, List<Path>> plots) {
        StringBuilder b = new StringBuilder("# Comparison: ").append(manifest.name()).append("\n\n");
        if (!manifest.description().isBlank()) {
            b.append(manifest.description()).append("\n\n");
        }
        b.append(overview(manifest, results)).append("\n\n");
        b.append("Each row: mean ± sample standard deviation over the seeds (n cells); ")
                .append("rates are the share of cells. `results.csv` has every cell.\n");
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
                b.append(' ').append(r.cells().size()).append(" |");
                shown.forEach(m -> b.append(' ').append(cell(r, m)).append(" |"));
                b.append('\n');
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
            problems(e.getValue()).forEach(p -> b.append("- ").append(p).append('\n'));
            b.append('\n');
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

    private static String overview(Manifest manifest, List<CellResult> results) {
        long errors = results.stream().filter(r -> !r.finished()).count();
        long notCompleted = results.stream().filter(r -> r.finished() && !r.status().equals("completed")).count();
        int missing = manifest.cells().size() - results.size();
        return String.format(Locale.ROOT, "Grid `%s`%s: %d data set(s) × %d method(s), %d cells — %d finished%s%s%s.",
                manifest.grid(), manifest.quick() ? " (--quick)" : "", manifest.data().size(), manifest.methods().size(),
                manifest.cells().size(), results.size() - errors,
                notCompleted > 0 ? ", " + notCompleted + " of them failed to learn or diverged" : "",
                errors > 0 ? ", " + errors + " could not be run" : "",
                missing > 0 ? ", " + missing + " not run yet (run the same compare again to finish them)" : "");
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

    private static List<String> problems(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            for (CellResult c : r.cells()) {
                if (!c.status().equals("completed")) {
                    out.add("cell " + c.cell().id() + ": " + c.status().replace('_', ' ')
                            + (c.message() == null ? "" : " — " + c.message()));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- report.html

    private static String html(Path dir, Manifest manifest, List<CellResult> results, Map<String, List<Row>> byData,
                               Map<String, List<Path>> plots) {
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
                .append("code{background:#f4f4f4;padding:0 3px}\n</style>\n</head>\n<body>\n");
        b.append("<h1>Comparison: ").append(esc(manifest.name())).append("</h1>\n");
        if (!manifest.description().isBlank()) {
            b.append("<p>").append(esc(manifest.description())).append("</p>\n");
        }
        b.append("<p>").append(esc(overview(manifest, results)).replaceAll("`([^`]*)`", "<code>$1</code>"))
                .append("</p>\n<p>Each row: mean ± sample standard deviation over the seeds (n cells); rates are the "
                        + "share of cells. <code>results.csv</code> has every cell.</p>\n");
        for (Map.Entry<String, List<Row>> e : byData.entrySet()) {
            List<Metric> shown = shown(e.getValue());
            b.append("<section class=\"data\">\n<h2>").append(esc(e.getKey())).append("</h2>\n<table>\n<thead><tr><th>method</th>");
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
                b.append("<td>").append(r.cells().size()).append("</td>");
                shown.forEach(m -> b.append("<td>").append(esc(cell(r, m))).append("</td>"));
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table>\n<h3>Formulas found</h3>\n");
            if (e.getValue().stream().allMatch(r -> formulas(r).isEmpty())) {
                b.append("<p>none</p>\n");
            }
            b.append("<ul class=\"formulas\">\n");
            for (Row r : e.getValue()) {
                for (Map.Entry<CellResult.Formula, Integer> f : formulas(r).entrySet()) {
                    CellResult.Formula x = f.getKey();
                    b.append("<li>").append(esc(r.method())).append(r.sweep().isEmpty() ? ""
                            : " (" + esc(manifest.sweep()) + " " + esc(r.sweep()) + ")").append(": ")
                            .append(x.mathml() != null ? x.mathml() : "<code>" + esc(x.expression()) + "</code>")
                            .append(" (").append(esc(x.verdictWord())).append("), in ").append(f.getValue()).append(" of ")
                            .append(r.cells().size()).append(" cells</li>\n");
                }
            }
            for (String p : problems(e.getValue())) {
                b.append("<li>").append(esc(p)).append("</li>\n");
            }
            b.append("</ul>\n<div class=\"plots\">\n");
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

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
