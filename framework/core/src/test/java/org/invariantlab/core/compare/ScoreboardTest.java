package org.invariantlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invariantlab.core.count.CountSpec;
import org.invariantlab.core.run.RunSpec;
import org.invariantlab.core.verdict.Verdict;
import org.invariantlab.core.verdict.VerdictKind;
import org.junit.jupiter.api.Test;

/**
 * The report's verdict per cell and its scoreboard, on the cells of the issue that asked for them: the quick Wetzel
 * grid (four data sets, each with its own siamese method, three seeds), where Lorentz seed 3 learned {@code t} with
 * 82.5 % test accuracy and was averaged into 92.7 % ± 8.9 % under the header "4 data set(s) × 3 method(s)"; and a
 * count data set with one cell right, one uncertain and one wrong, and one that could not run.
 */
class ScoreboardTest {

    private static final Verdict EXACT = Verdict.of("-t^2+x^2+y^2+z^2", VerdictKind.EXACT, "a function of s2");
    private static final Verdict NOT_CONSERVED = Verdict.of("t", VerdictKind.NOT_CONSERVED,
            "not a function of the declared invariants; spread along 2000 held-out groups 0.128");

    private static CellResult run(String data, String method, long seed, String status, double accuracy, Verdict v) {
        Cell cell = new Cell(data + "--" + method + "--s" + seed, data, method, "run", seed, null, null,
                new CellTask.Run(RunSpec.of("lorentz")), "f");
        CellResult.Formula f = new CellResult.Formula(v.formula(), v.kind() == VerdictKind.EXACT, List.of(), null, v);
        return new CellResult(cell, status, null, CellResult.Metrics.ofRun(new CellResult.Learned(accuracy, 0.99, 0.9,
                0.9), v.kind() == VerdictKind.EXACT ? 1.0 : 0.0, 2.0, List.of(f), List.of()), null);
    }

    private static CellResult count(long seed, int found, boolean uncertain) {
        Cell cell = new Cell("toda--svd--s" + seed, "toda", "svd", "count", seed, null, null,
                new CellTask.Count(CountSpec.of("toda-3")), "f");
        return new CellResult(cell, "completed", null, CellResult.Metrics.ofCount(new CellResult.Counted(found, null, 3,
                null, uncertain), 0.9, null, 5.0, List.of(), List.of()), null);
    }

    private static List<CellResult> wetzel() {
        List<CellResult> r = new ArrayList<>();
        for (String[] dm : new String[][] {{"lorentz", "siamese-150"}, {"kepler", "siamese-60"},
                {"kepler-fixed-l", "siamese-150"}, {"em", "siamese-40"}}) {
            for (long s = 1; s <= 3; s++) {
                boolean t = dm[0].equals("lorentz") && s == 3;
                r.add(run(dm[0], dm[1], s, t ? "shortcut" : "completed", t ? 0.825 : 0.98, t ? NOT_CONSERVED : EXACT));
            }
        }
        return r;
    }

    private static Manifest manifest(List<CellResult> results, List<String> data, List<String> methods) {
        return new Manifest("wetzel2020", "", "wetzel2020.yaml", true, data, methods, null,
                results.stream().map(r -> new Manifest.Entry(r.cell().id(), "f")).toList());
    }

    @Test
    void aCellThatLearnedAShortcutIsFlaggedAndKeptOutOfTheMeans() {
        List<CellResult> results = wetzel();
        Manifest m = manifest(results, List.of("lorentz", "kepler", "kepler-fixed-l", "em"),
                List.of("siamese-150", "siamese-60", "siamese-40"));
        List<CellOutcome> outcomes = CellOutcome.of(results);
        assertEquals(CellOutcome.Kind.SHORTCUT, outcomes.get(2).kind(), "the run's own status");
        assertEquals("not conserved: t", outcomes.get(2).label());
        assertEquals(CellOutcome.Kind.RIGHT, outcomes.get(0).kind());
        assertEquals("exact", outcomes.get(0).label());
        assertEquals(CellOutcome.Kind.WRONG, CellOutcome.of(run("lorentz", "siamese-150", 4, "completed", 0.9,
                NOT_CONSERVED)).kind(), "a completed run whose formula is not conserved: wrong, in the means");
        CellResult hj = run("hajeong-s2", "ha-jeong", 1, "completed", 0.9, NOT_CONSERVED);
        CellResult noPairs = new CellResult(hj.cell(), hj.status(), null, CellResult.Metrics.ofRun(new CellResult.Learned(
                null, 0.87, 0.76, 0.6), 0.0, 2.0, hj.metrics().formulas(), List.of()), null);
        assertEquals(CellOutcome.Kind.WRONG, CellOutcome.of(noPairs).kind(),
                "without pairs, a formula not conserved is wrong, not a shortcut");

        ComparisonReport.Row lorentz = ComparisonReport.rows(m, outcomes).get("lorentz").get(0);
        assertEquals(2, lorentz.included());
        assertEquals(0.98, lorentz.stats().get(Metric.TEST_ACCURACY).mean(), 1e-12,
                "the mean is over the two cells that learned the interval, not 92.7 % with the shortcut");
        assertEquals(1, lorentz.flagged().size());

        String overview = ComparisonReport.overview(m, outcomes);
        assertTrue(overview.contains("4 data sets × 1 method each (of 3) × 3 seeds, 12 cells — 12 finished: 11 right, "
                + "1 shortcut"), overview);

        Scoreboard board = Scoreboard.of(m, outcomes);
        assertEquals(4, board.rows().size());
        assertEquals(List.of("siamese-150", "siamese-60", "siamese-40"), board.methods());
        String md = board.markdown();
        assertTrue(md.contains("| lorentz | ✓ s1 right (exact); ✓ s2 right (exact); ⚠ s3 shortcut (not conserved: t); "
                + "2.0 s | – | – |"), md);
        String html = board.html();
        assertEquals(12, html.split("<span class=\"cell o-", -1).length - 1 - CellOutcome.Kind.values().length,
                "one mark per cell, besides the legend's");
        assertTrue(html.contains("class=\"cell o-shortcut\" title=\"lorentz--siamese-150--s3: shortcut\">s3 not "
                + "conserved: t</span>"), html);
    }

    @Test
    void countsAreRightUncertainOrWrongAgainstTheDeclaredNumber() {
        List<CellResult> results = List.of(count(1, 3, false), count(2, 2, true), count(3, 4, false),
                new CellResult(new Cell("toda--svd--s4", "toda", "svd", "count", 4, null, null,
                        new CellTask.Count(CountSpec.of("toda-3")), "f"), CellResult.ERROR, "out of memory", null,
                        null));
        List<CellOutcome> o = CellOutcome.of(results);
        assertEquals(List.of(CellOutcome.Kind.RIGHT, CellOutcome.Kind.UNCERTAIN, CellOutcome.Kind.WRONG,
                CellOutcome.Kind.FAILED), o.stream().map(CellOutcome::kind).toList());
        assertEquals(List.of("3 / 3", "2 / 3", "4 / 3", "could not run"), o.stream().map(CellOutcome::label).toList());
        Manifest m = manifest(results, List.of("toda"), List.of("svd"));
        ComparisonReport.Row row = ComparisonReport.rows(m, o).get("toda").get(0);
        assertEquals(3, row.included(), "a cell that could not run is not in the means");
        assertEquals(3.0, row.stats().get(Metric.INDEPENDENT).mean(), 1e-12);
        assertEquals("1 right, 1 uncertain, 1 wrong, 1 failed", Scoreboard.tally(o));
    }

    @Test
    void errorBarsStayWithinTheMetricsBounds() {
        assertEquals(0.0125, ComparisonReport.clippedError(Metric.TEST_ACCURACY, 0.9875, 0.09), 1e-12,
                "an accuracy's bar stops at 100 %");
        assertEquals(0.05, ComparisonReport.clippedError(Metric.TEST_ACCURACY, 0.5, 0.05), 1e-12);
        assertEquals(0.3, ComparisonReport.clippedError(Metric.INDEPENDENT, 0.3, 0.8), 1e-12, "counts stop at 0");
        assertEquals(0.0, ComparisonReport.clippedError(Metric.ALIGNMENT, 0.9, Double.NaN), "one seed: no bar");
        assertTrue(Metric.INDEPENDENT_RIGHT.yesNo() && !Metric.ALIGNMENT.yesNo());
    }
}
