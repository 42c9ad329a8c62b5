package org.invariantlab.core.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The first thing a comparison's report shows: data sets (and sweep values) as rows, methods as columns, and in each
 * cell one coloured mark per seed with what it found ({@link CellOutcome}: the count found / truth, or the formulas'
 * verdicts), and the median seconds.
 *
 * @param sweep   the swept setting ({@code noise}, {@code size}) or null
 * @param methods the methods, in the grid's order, that have cells
 * @param rows    the rows, in the grid's order
 */
public record Scoreboard(String sweep, List<String> methods, List<Row> rows) {

    /**
     * One data set (at one sweep value): its outcomes by method, in seed order.
     *
     * @param data    the data set's label
     * @param value   the sweep value, or "" without a sweep
     * @param byMethod the outcomes of each method's cells
     */
    public record Row(String data, String value, Map<String, List<CellOutcome>> byMethod) {
    }

    public Scoreboard {
        methods = List.copyOf(methods);
        rows = List.copyOf(rows);
    }

    /** The scoreboard of the cells in {@code outcomes}. */
    public static Scoreboard of(Manifest manifest, List<CellOutcome> outcomes) {
        Set<String> methods = new LinkedHashSet<>();
        List<Row> rows = new ArrayList<>();
        for (String data : manifest.data()) {
            Map<String, Map<String, List<CellOutcome>>> byValue = new LinkedHashMap<>();
            for (String method : manifest.methods()) {
                for (CellOutcome o : outcomes) {
                    Cell c = o.result().cell();
                    if (c.data().equals(data) && c.method().equals(method)) {
                        methods.add(method);
                        byValue.computeIfAbsent(ComparisonReport.sweep(c), v -> new LinkedHashMap<>())
                                .computeIfAbsent(method, m -> new ArrayList<>()).add(o);
                    }
                }
            }
            byValue.forEach((value, byMethod) -> rows.add(new Row(data, value, byMethod)));
        }
        List<String> ordered = manifest.methods().stream().filter(methods::contains).toList();
        return new Scoreboard(manifest.sweep(), ordered, rows);
    }

    /** How many cells of each outcome, worst last, e.g. "10 right, 1 uncertain, 1 shortcut". */
    public static String tally(List<CellOutcome> outcomes) {
        Map<CellOutcome.Kind, Integer> n = new java.util.EnumMap<>(CellOutcome.Kind.class);
        outcomes.forEach(o -> n.merge(o.kind(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        n.forEach((k, c) -> parts.add(c + " " + k.word()));
        return String.join(", ", parts);
    }

    /** The scoreboard as a markdown table, with a legend. */
    public String markdown() {
        StringBuilder b = new StringBuilder("| data set |");
        if (sweep != null) {
            b.append(' ').append(sweep).append(" |");
        }
        methods.forEach(m -> b.append(' ').append(m).append(" |"));
        b.append("\n|---|").append(sweep != null ? "---|" : "");
        methods.forEach(m -> b.append("---|"));
        b.append('\n');
        for (Row r : rows) {
            b.append("| ").append(r.data()).append(" |");
            if (sweep != null) {
                b.append(' ').append(r.value()).append(" |");
            }
            for (String m : methods) {
                List<CellOutcome> cells = r.byMethod().getOrDefault(m, List.of());
                b.append(' ');
                for (CellOutcome o : cells) {
                    b.append(o.kind().mark()).append(" s").append(o.result().cell().seed()).append(' ')
                            .append(o.kind().word()).append(" (").append(o.label().replace("|", "\\|")).append("); ");
                }
                b.append(cells.isEmpty() ? "–" : seconds(cells)).append(" |");
            }
            b.append('\n');
        }
        b.append("\nEach cell: one entry per seed (s1, s2, …) with what it found: for counts the number found / the "
                + "declared number, for runs the verdicts of the formulas read; then the median seconds. ")
                .append(LEGEND).append('\n');
        return b.toString();
    }

    /** The scoreboard as an HTML table ({@code id="scoreboard"}) with coloured marks and a legend. */
    public String html() {
        StringBuilder b = new StringBuilder("<table id=\"scoreboard\">\n<thead><tr><th>data set</th>");
        if (sweep != null) {
            b.append("<th>").append(ComparisonReport.esc(sweep)).append("</th>");
        }
        methods.forEach(m -> b.append("<th>").append(ComparisonReport.esc(m)).append("</th>"));
        b.append("</tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            b.append("<tr><td>").append(ComparisonReport.esc(r.data())).append("</td>");
            if (sweep != null) {
                b.append("<td>").append(ComparisonReport.esc(r.value())).append("</td>");
            }
            for (String m : methods) {
                List<CellOutcome> cells = r.byMethod().getOrDefault(m, List.of());
                b.append("<td class=\"score\">");
                for (CellOutcome o : cells) {
                    String message = o.result().message() == null ? "" : " — " + o.result().message();
                    b.append("<span class=\"cell o-").append(o.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .append(o.label().length() > LONG_LABEL ? " long" : "").append("\" title=\"").append(ComparisonReport.esc(o.result().cell().id() + ": "
                                    + o.kind().word() + message)).append("\">s").append(o.result().cell().seed())
                            .append(' ').append(ComparisonReport.esc(o.label())).append("</span>");
                }
                b.append(cells.isEmpty() ? "–" : "<span class=\"secs\">" + seconds(cells) + "</span>").append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n<p class=\"legend\">");
        for (CellOutcome.Kind k : CellOutcome.Kind.values()) {
            b.append("<span class=\"cell o-").append(k.name().toLowerCase(Locale.ROOT).replace('_', '-')).append("\">")
                    .append(k.word()).append("</span>");
        }
        b.append(" Each cell: one entry per seed with what it found (for counts the number found / the declared "
                + "number, for runs the verdicts of the formulas read), then the median seconds. Failed and "
                + "shortcut cells are left out of the means below.</p>\n");
        return b.toString();
    }

    /** The CSS of the scoreboard's colours. */
    static final String CSS = "#scoreboard td.score,#scoreboard th{text-align:left}\n"
            + ".cell{display:inline-block;margin:2px;padding:1px 6px;border-radius:3px;border:1px solid #999;"
            + "font-size:13px}\n.o-right{background:#c8e6c9}\n.o-wrong{background:#ffcdd2}\n"
            + ".o-uncertain{background:#ffecb3}\n.o-no-truth{background:#fff}\n.o-shortcut{background:#e1bee7}\n"
            + ".o-failed{background:#cfd8dc;color:#333}\n.secs{color:#555;font-size:12px;margin-left:4px;white-space:nowrap}\n"
            + ".legend .cell{margin-right:4px}\n"
            // a count's short label stays on one line; a formula wraps inside its mark, so no column takes the page
            + ".cell{white-space:nowrap;vertical-align:top}\n.cell.long{white-space:normal;overflow-wrap:anywhere;"
            + "max-width:18em}\n";

    /** Labels longer than this (formulas, not counts) wrap inside their mark. */
    private static final int LONG_LABEL = 24;

    private static final String LEGEND = "✓ right · ? uncertain · · no truth declared · ✗ wrong or failed · "
            + "⚠ shortcut (a network that tells pairs apart by something that is not conserved). Failed and "
            + "shortcut cells are left out of the means below.";

    /** The median of the cells' seconds. */
    private static String seconds(List<CellOutcome> cells) {
        double[] s = cells.stream().map(o -> o.result().metrics()).filter(java.util.Objects::nonNull)
                .mapToDouble(CellResult.Metrics::trainSeconds).filter(Double::isFinite).sorted().toArray();
        if (s.length == 0) {
            return "";
        }
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return String.format(Locale.ROOT, "%.1f s", median);
    }
}
