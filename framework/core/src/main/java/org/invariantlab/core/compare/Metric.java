package org.invariantlab.core.compare;

import java.util.Locale;
import java.util.function.Function;

/**
 * The metrics a comparison reports per method, each read from a cell's {@link CellResult.Metrics}; a metric a
 * method does not define is absent (null) for its cells and left out of its mean.
 */
public enum Metric {
    TEST_ACCURACY("test_accuracy", "test accuracy", m -> m.testAccuracy(), true),
    ALIGNMENT("alignment", "alignment", m -> m.alignment(), false),
    ABS_R("abs_r", "|r|", m -> m.absR(), false),
    R2("r2", "R²", m -> m.r2(), false),
    SPEARMAN("spearman", "Spearman |ρ|", m -> m.spearman(), false),
    SPREAD("within_group_spread", "within-group spread", m -> m.spread(), false),
    MV("mv", "MV", m -> m.mv(), false),
    FRESH_ABS_R("fresh_abs_r", "|r| on fresh groups", m -> m.freshAbsR(), false),
    INDEPENDENT("independent", "independent", m -> m.independent() == null ? null : m.independent().doubleValue(), false),
    IN_INVOLUTION("in_involution", "in involution", m -> m.inInvolution() == null ? null
            : m.inInvolution().doubleValue(), false),
    INDEPENDENT_RIGHT("independent_right", "independent count right", m -> bool(m.independentRight()), true),
    INVOLUTION_RIGHT("involution_right", "involution count right", m -> bool(m.involutionRight()), true),
    INDEPENDENT_UNCERTAIN("independent_uncertain", "independent count uncertain",
            m -> bool(m.independentUncertain()), true),
    EXACT_FORMULA_RATE("exact_formula_rate", "exact formulas", m -> m.exactFormulaRate(), true),
    TRAIN_SECONDS("train_seconds", "seconds", m -> m.trainSeconds(), false);

    private final String column;
    private final String header;
    private final Function<CellResult.Metrics, Double> reader;
    private final boolean percent;

    Metric(String column, String header, Function<CellResult.Metrics, Double> reader, boolean percent) {
        this.column = column;
        this.header = header;
        this.reader = reader;
        this.percent = percent;
    }

    /** The column name in {@code results.csv}. */
    public String column() {
        return column;
    }

    /** The table header. */
    public String header() {
        return header;
    }

    /** The value of this metric in {@code m}, or null where it is not defined. */
    public Double of(CellResult.Metrics m) {
        if (m == null) {
            return null;
        }
        Double v = reader.apply(m);
        return v == null || !Double.isFinite(v) ? null : v;
    }

    /** A value as the report prints it: percentages for rates and accuracies, 4 digits for alignments. */
    public String format(double v) {
        if (percent) {
            return String.format(Locale.ROOT, "%.1f %%", 100 * v);
        }
        return switch (this) {
            case INDEPENDENT, IN_INVOLUTION -> String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.00$", "");
            case TRAIN_SECONDS -> String.format(Locale.ROOT, "%.1f", v);
            default -> String.format(Locale.ROOT, "%.4f", v);
        };
    }

    /** Whether the value is a fraction shown as a percentage. */
    public boolean percent() {
        return percent;
    }

    /** Whether the metric is a yes/no of one cell (its mean is a rate): tables show it, charts do not. */
    public boolean yesNo() {
        return this == INDEPENDENT_RIGHT || this == INVOLUTION_RIGHT || this == INDEPENDENT_UNCERTAIN;
    }

    /** The smallest value the metric can take (a bound for error bars). */
    public double lowest() {
        return this == R2 ? Double.NEGATIVE_INFINITY : 0;
    }

    /** The largest value the metric can take (a bound for error bars). */
    public double highest() {
        return switch (this) {
            case INDEPENDENT, IN_INVOLUTION, TRAIN_SECONDS, MV, SPREAD -> Double.POSITIVE_INFINITY;
            default -> 1;
        };
    }

    private static Double bool(Boolean b) {
        return b == null ? null : b ? 1.0 : 0.0;
    }
}
