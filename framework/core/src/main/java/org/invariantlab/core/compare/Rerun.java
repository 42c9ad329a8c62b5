package org.invariantlab.core.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code invariantlab rerun DIR/cells/<id>}: a cell run again from its stored task, and every metric that came out
 * different. Training seconds are not compared (they measure the machine, not the result).
 */
public final class Rerun {

    private Rerun() {
    }

    /**
     * A metric that differs.
     *
     * @param metric the metric's name (a {@link Metric} column, {@code status} or {@code formulas})
     * @param stored the value in the stored cell
     * @param rerun  the value now
     */
    public record Difference(String metric, String stored, String rerun) {
    }

    /** Every difference between {@code stored} and {@code rerun}, none when they agree. */
    public static List<Difference> differences(CellResult stored, CellResult rerun) {
        List<Difference> out = new ArrayList<>();
        if (!stored.status().equals(rerun.status())) {
            out.add(new Difference("status", stored.status(), rerun.status()));
        }
        for (Metric m : Metric.values()) {
            if (m == Metric.TRAIN_SECONDS) {
                continue;
            }
            Double a = m.of(stored.metrics());
            Double b = m.of(rerun.metrics());
            if (!Objects.equals(a, b)) {
                out.add(new Difference(m.column(), text(a), text(b)));
            }
        }
        List<String> fa = formulas(stored);
        List<String> fb = formulas(rerun);
        if (!fa.equals(fb)) {
            out.add(new Difference("formulas", String.join("; ", fa), String.join("; ", fb)));
        }
        return out;
    }

    private static String text(Double v) {
        return v == null ? "—" : String.valueOf(v);
    }

    private static List<String> formulas(CellResult r) {
        return r.metrics() == null ? List.of() : r.metrics().formulas().stream().map(CellResult.Formula::expression).toList();
    }
}
