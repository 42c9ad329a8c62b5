package org.invariantlab.core.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.invariantlab.core.verdict.Verdict;
import java.util.Objects;

/**
 * What one cell produced: {@code cells/<id>/cell.json} is this record. A cell is finished when this file exists
 * with status other than {@code error}; the run's or count's own files sit beside it.
 *
 * @param cell       the cell
 * @param status     {@code completed}, {@code failed_to_learn}, {@code diverged}, {@code shortcut} (runs), or {@code error} (the cell
 *                   could not be run; it is tried again on resume)
 * @param message    why, for any status but {@code completed}; may be null
 * @param metrics    the common metrics, null on {@code error}
 * @param provenance what produced it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CellResult(Cell cell, String status, String message, Metrics metrics, Provenance provenance) {

    /** Status of a cell that could not be run. */
    public static final String ERROR = "error";

    public CellResult {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(status, "status");
    }

    /** True unless the cell could not be run. */
    public boolean finished() {
        return !ERROR.equals(status);
    }

    /**
     * The metrics every method can be compared on; null where a method does not define one (accuracy for methods
     * without pairs, counts for runs, |r| and R² for counts).
     *
     * @param testAccuracy        pair accuracy on test pairs (siamese runs)
     * @param alignment           gradient alignment with the true invariants (runs) or span alignment of the counted
     *                            directions (counts), mean principal-angle cosine
     * @param absR                largest |Pearson r| between the latent and a true invariant (runs)
     * @param r2                  R² of the true invariants from the latents (runs)
     * @param spearman            Spearman |ρ| of the latent with the invariant of {@code absR} (runs; null in cells
     *                            stored before it existed)
     * @param spread              the latent's within-group spread relative to its spread over all test states
     * @param mv                  Ha &amp; Jeong's MV for that invariant (in its units)
     * @param freshAbsR           |Pearson r| on fresh groups when the test states came from the training groups
     * @param independent         counted independent conserved quantities (counts)
     * @param inInvolution        counted quantities in involution (counts with a (q, p) layout)
     * @param trueIndependent     the declared (or, for files, suspected) independent count
     * @param trueInInvolution    the declared count in involution
     * @param independentRight    whether the independent count equals the truth
     * @param involutionRight     whether the count in involution equals the truth
     * @param independentUncertain whether the count's decision is uncertain ({@link
     *                            org.invariantlab.core.count.CountDecision}): a cell right or uncertain is never
     *                            confidently wrong
     * @param exactFormulaRate    fraction of the formulas that are exactly functions of the true invariants
     * @param trainSeconds        wall time of training (runs) or of the whole count
     * @param formulas            the formulas found
     * @param plots               the cell's plots, relative to its folder
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metrics(Double testAccuracy, Double alignment, Double absR, Double r2, Double spearman, Double spread,
                          Double mv, Double freshAbsR, Integer independent,
                          Integer inInvolution, Integer trueIndependent, Integer trueInInvolution,
                          Boolean independentRight, Boolean involutionRight, Boolean independentUncertain, Double exactFormulaRate,
                          double trainSeconds, List<Formula> formulas, List<String> plots) {
        public Metrics {
            formulas = List.copyOf(formulas);
            plots = List.copyOf(plots);
        }

        /**
         * A learning cell's metrics (siamese, Ha–Jeong, …): the count fields are absent.
         *
         * @param learned  what the network learned, against the truth
         * @param formulas the formulas read from it
         * @param plots    the cell's plots
         */
        public static Metrics ofRun(Learned learned, Double exactFormulaRate, double trainSeconds,
                                    List<Formula> formulas, List<String> plots) {
            return new Metrics(learned.testAccuracy(), learned.alignment(), learned.absR(), learned.r2(),
                    learned.spearman(), learned.spread(), learned.mv(), learned.freshAbsR(), null, null,
                    null, null, null, null, null, exactFormulaRate, trainSeconds, formulas, plots);
        }

        /**
         * A counting cell's metrics: the learning fields are absent, and whether each count is right follows from
         * the counts (absent where either side is).
         *
         * @param counted   the counts, the truth and the decision's confidence
         * @param alignment mean span alignment of the counted directions, or null
         */
        public static Metrics ofCount(Counted counted, Double alignment, Double exactFormulaRate, double seconds,
                                      List<Formula> formulas, List<String> plots) {
            return new Metrics(null, alignment, null, null, null, null, null, null, counted.independent(),
                    counted.inInvolution(),
                    counted.trueIndependent(), counted.trueInInvolution(),
                    same(counted.independent(), counted.trueIndependent()),
                    same(counted.inInvolution(), counted.trueInInvolution()), counted.uncertain(), exactFormulaRate,
                    seconds, formulas, plots);
        }

        private static Boolean same(Integer found, Integer truth) {
            return found == null || truth == null ? null : found.equals(truth);
        }
    }

    /**
     * What a learning cell's network learned (null where the method does not define it).
     *
     * @param testAccuracy pair accuracy on test pairs
     * @param alignment    gradient alignment with the true invariants
     * @param absR         largest |Pearson r| between the latent and a true invariant
     * @param r2           R² of the true invariants from the latents
     * @param spearman     Spearman |ρ| with the invariant of {@code absR}
     * @param spread       within-group spread of that latent relative to its spread over all test states
     * @param mv           Ha &amp; Jeong's MV for that invariant
     * @param freshAbsR    |Pearson r| on fresh groups (runs tested on their training groups only)
     */
    public record Learned(Double testAccuracy, Double alignment, Double absR, Double r2, Double spearman, Double spread,
                          Double mv, Double freshAbsR) {

        /** Without the correlation details (results stored before they existed). */
        public Learned(Double testAccuracy, Double alignment, Double absR, Double r2) {
            this(testAccuracy, alignment, absR, r2, null, null, null, null);
        }
    }

    /**
     * A counting cell's counts (null where unknown).
     *
     * @param independent      counted independent conserved quantities
     * @param inInvolution     counted quantities in involution
     * @param trueIndependent  the declared (or, for files, suspected) independent count
     * @param trueInInvolution the declared count in involution
     * @param uncertain        whether the count's decision is uncertain
     */
    public record Counted(Integer independent, Integer inInvolution, Integer trueIndependent,
                          Integer trueInInvolution, Boolean uncertain) {
    }

    /**
     * A formula and its reading.
     *
     * @param expression Symja syntax
     * @param exact      proven a function of the true invariants
     * @param matches    the invariants it matches
     * @param mathml     the formula as MathML, for the HTML report
     * @param verdict    what is known of its conservation, with the evidence; {@code null} in cells written before
     *                   verdicts
     */
    public record Formula(String expression, boolean exact, List<String> matches, String mathml, Verdict verdict) {
        public Formula {
            matches = List.copyOf(matches);
        }

        /** The verdict in words ({@code proven}, …), or how the cell judged it before verdicts existed. */
        public String verdictWord() {
            return verdict != null ? verdict.kind().word() + (verdict.functionOf().isEmpty() ? ""
                    : ": a function of " + String.join(", ", verdict.functionOf()))
                    : exact ? "exact: " + String.join(", ", matches) : "not exact";
        }
    }

    /**
     * What produced a cell.
     *
     * @param invariantlab the InvariantLab version
     * @param plugins      every plugin loaded, with its jar's SHA-256
     * @param java         Java version and vendor
     * @param os           operating system and architecture
     * @param cpu          processor model and cores
     * @param executor     the executor that ran the cell, and where (host)
     * @param started      UTC start time, ISO-8601
     * @param finished     UTC end time
     * @param seconds      wall time
     */
    public record Provenance(String invariantlab, List<PluginJar> plugins, String java, String os, String cpu,
                             String executor, String started, String finished, double seconds) {
        public Provenance {
            plugins = List.copyOf(plugins);
        }
    }

    /** A plugin as loaded: id, version, jar file name and the jar's SHA-256. */
    public record PluginJar(String id, String version, String jar, String sha256) {
    }
}
