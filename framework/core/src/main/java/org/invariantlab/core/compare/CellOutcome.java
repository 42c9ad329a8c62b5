package org.invariantlab.core.compare;

import java.util.List;
import java.util.Objects;
import org.invariantlab.core.run.RunStatus;
import org.invariantlab.core.verdict.Verdict;

/**
 * What one cell of a comparison found, in one word and a short label: the one home of the scoreboard's colours and
 * of which cells the means leave out.
 *
 * <ul>
 *   <li><b>Counts:</b> {@code right} when the number given equals the declared number, {@code uncertain} when the
 *       count's decision is uncertain ({@link org.invariantlab.core.count.CountDecision}), {@code wrong} otherwise;
 *       {@code no truth} for data without a declared number. Label: found / truth.</li>
 *   <li><b>Runs:</b> {@code right} when every formula read is conserved (proven, exact, or conserved on held-out
 *       data), {@code wrong} when none is, {@code uncertain} when some are undecided or there is no formula.
 *       {@code shortcut} when the run itself said so ({@link LearningVerdict#afterReading}: a pair network that
 *       tells pairs apart while its latents and every formula read from it are not conserved); the report does not
 *       guess it from stored formulas, which cannot tell a shortcut from a failed reading. Label: the formulas'
 *       verdicts.</li>
 *   <li>{@code failed}: the cell could not be run, or its network learned nothing.</li>
 * </ul>
 *
 * <p>Cells {@link Kind#flagged() flagged} (failed or shortcut) are reported apart and kept out of the means: a
 * network that learned {@code t} instead of the interval is not a noisy measurement of the interval.
 *
 * @param result the cell
 * @param kind   what it found
 * @param label  a few words: the count found / truth, or the formulas' verdicts
 */
public record CellOutcome(CellResult result, Kind kind, String label) {

    /** The outcome words, in the scoreboard's order of badness. */
    public enum Kind {
        RIGHT("right", "✓"), UNCERTAIN("uncertain", "?"), NO_TRUTH("no truth", "·"), WRONG("wrong", "✗"),
        SHORTCUT("shortcut", "⚠"), FAILED("failed", "✗");

        private final String word;
        private final String mark;

        Kind(String word, String mark) {
            this.word = word;
            this.mark = mark;
        }

        /** The word. */
        public String word() {
            return word;
        }

        /** A one-character mark for plain text. */
        public String mark() {
            return mark;
        }

        /** Reported apart and left out of the means. */
        public boolean flagged() {
            return this == FAILED || this == SHORTCUT;
        }
    }

    public CellOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
    }

    /** The outcome of {@code r}. */
    public static CellOutcome of(CellResult r) {
        if (!r.finished()) {
            return new CellOutcome(r, Kind.FAILED, "could not run");
        }
        CellResult.Metrics m = r.metrics();
        if (r.status().equals(RunStatus.FAILED_TO_LEARN.id()) || m == null) {
            return new CellOutcome(r, Kind.FAILED, "learned nothing");
        }
        if (r.cell().kind().equals("count")) {
            return count(r, m);
        }
        List<Verdict> verdicts = m.formulas().stream().map(CellResult.Formula::verdict).filter(Objects::nonNull).toList();
        String label = runLabel(m);
        if (r.status().equals(RunStatus.SHORTCUT.id())) {
            return new CellOutcome(r, Kind.SHORTCUT, label);
        }
        long conserved = m.formulas().stream().filter(CellOutcome::conserved).count();
        Kind kind = m.formulas().isEmpty() ? Kind.UNCERTAIN : conserved == m.formulas().size() ? Kind.RIGHT
                : conserved == 0 && verdicts.size() == m.formulas().size() ? Kind.WRONG : Kind.UNCERTAIN;
        return new CellOutcome(r, kind, label + (r.status().equals(RunStatus.DIVERGED.id()) ? ", diverged" : ""));
    }

    private static CellOutcome count(CellResult r, CellResult.Metrics m) {
        String found = m.independent() == null ? "–" : String.valueOf(m.independent());
        if (m.trueIndependent() == null) {
            return new CellOutcome(r, Kind.NO_TRUTH, found);
        }
        String label = found + " / " + m.trueIndependent();
        if (Boolean.TRUE.equals(m.independentUncertain())) {
            return new CellOutcome(r, Kind.UNCERTAIN, label);
        }
        return new CellOutcome(r, Boolean.TRUE.equals(m.independentRight()) ? Kind.RIGHT : Kind.WRONG, label);
    }

    /** A formula conserved by its verdict (or, stored before verdicts, exact). */
    private static boolean conserved(CellResult.Formula f) {
        return f.verdict() != null ? f.verdict().kind().conserved() : f.exact();
    }

    /** The formulas' verdict words, e.g. "exact", "2 proven", "not conserved: t"; "no formula". */
    private static String runLabel(CellResult.Metrics m) {
        if (m.formulas().isEmpty()) {
            return "no formula";
        }
        java.util.Map<String, Integer> words = new java.util.LinkedHashMap<>();
        for (CellResult.Formula f : m.formulas()) {
            String w = f.verdict() != null ? f.verdict().kind().word() : f.exact() ? "exact" : "not exact";
            words.merge(w, 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        words.forEach((w, n) -> b.append(b.length() == 0 ? "" : ", ").append(n > 1 ? n + " " : "").append(w));
        if (m.formulas().stream().noneMatch(CellOutcome::conserved) && m.formulas().size() == 1) {
            b.append(": ").append(m.formulas().get(0).expression());
        }
        return b.toString();
    }

    /** The outcomes of {@code results}, in their order. */
    public static List<CellOutcome> of(List<CellResult> results) {
        return results.stream().map(CellOutcome::of).toList();
    }
}
