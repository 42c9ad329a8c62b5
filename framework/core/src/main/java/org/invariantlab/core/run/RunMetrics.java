package org.invariantlab.core.run;

import org.invariantlab.core.score.CorrelationTrack;
import org.invariantlab.core.score.GroupCorrelation;

import org.invariantlab.core.job.FormulaReport;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.invariantlab.core.job.FormulaSummary;
import org.invariantlab.core.verdict.SetVerdict;
import org.invariantlab.core.verdict.Verdict;

/**
 * What a run measured: the content of {@code metrics.json}, typed, shared by the runner, {@code read}, the
 * command line, {@code reproduce} and the JSON writer (the JSON keys are the snake-case names below).
 *
 * <p>Every method reports the common metrics: status, the scores against the truth (see
 * {@link org.invariantlab.core.score.Scores}), the formulas and their checks (see {@link FormulaReport}), and
 * the training time. Pair accuracies exist only for methods that classify pairs; they are {@code null} (left
 * out of the JSON) otherwise.
 *
 * @param system                  the system id
 * @param seed                    the master seed
 * @param status                  how the run ended
 * @param statusMessage           what went wrong and what to change; {@code null} for a completed run
 * @param stopReason              why training stopped
 * @param trainAccuracy           pair accuracy on the training pairs at threshold 0.5; {@code null} without pairs
 * @param testAccuracy            pair accuracy on the test pairs; {@code null} without pairs
 * @param testLoss                the head's loss on the test examples
 * @param gradientAlignment       span alignment of the learned gradients with the matched invariants
 * @param matchedInvariants       the matched true invariants (empty for a run that learned nothing)
 * @param alignmentPerInvariant   per varying invariant, its alignment with the learned span
 * @param pearsonPerInvariant     per varying invariant, the largest |Pearson r| of a latent with it
 * @param r2                      R² of the latents on a polynomial of the matched invariants
 * @param withinGroupSpread       the latents' spread within groups over their spread overall
 * @param constantOnData          invariants constant on the data
 * @param formula                 the formulas joined by "; " (empty without formula)
 * @param formulaLatex            the same in LaTeX
 * @param formulas                the formulas, best first
 * @param formulaReading          per formula, the reading that produced it
 * @param formulaR2               the smallest R² of a formula by the latents
 * @param formulaAlignment        the smallest gradient alignment of a formula with the matched invariants
 * @param formulaNetworkAlignment the smallest gradient alignment of a formula with the network
 * @param formulaExact            every formula is exactly an affine combination of true invariants
 * @param formulaMatches          the true invariants the exact formulas combine
 * @param formulaFreshSpread      the largest within-group spread of a formula on fresh groups
 * @param formulaFlags            why a formula should not be taken as the answer
 * @param formulaError            why there is no formula; {@code null} when there is one
 * @param formulaVerdicts         per formula, its verdict with the evidence ({@link Verdict}); empty without formula
 * @param formulaSet              what is known of the formulas together (independence, involution); {@code null}
 *                                with fewer than two formulas
 * @param trueInvariants          the system's true invariants, name to expression
 * @param bestEpoch               the epoch of the model kept
 * @param epochsRun               epochs trained
 * @param trainExamples           training examples: pairs for a pair sampler, groups for a group sampler
 *                                (written as {@code train_examples}; {@code train_pairs} before 0.2.0 is read too)
 * @param trainSeconds            training time (varies between identical runs)
 * @param examplesPerSecond       training throughput as the user sees it: examples × epochs run over the training
 *                                time, validation and model keeping included (varies between identical runs;
 *                                {@code pairs_per_second} before 0.2.0 counted the steps' time only, and is read too)
 * @param correlation             per varying invariant, how the latent that follows it best does so on the test
 *                                states ({@link GroupCorrelation}: |r|, Spearman |ρ| with 95 % intervals over groups,
 *                                within-group spread, Ha &amp; Jeong's MV); empty in results written before 0.2.0
 * @param freshCorrelation        the same on fresh groups when the test states come from the training groups
 *                                ({@link RunSpec.TestFrom#TRAINING_GROUPS}); empty otherwise
 * @param trackedCorrelation      per varying invariant, the highest test |r| over the epochs followed during training
 *                                ({@link RunSpec.Training#trackEvery()}) and where; empty when not followed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunMetrics(
        @JsonProperty("system") String system,
        @JsonProperty("seed") long seed,
        @JsonProperty("status") RunStatus status,
        @JsonProperty("status_message") String statusMessage,
        @JsonProperty("stop_reason") String stopReason,
        @JsonProperty("train_accuracy") Double trainAccuracy,
        @JsonProperty("test_accuracy") Double testAccuracy,
        @JsonProperty("test_loss") double testLoss,
        @JsonProperty("gradient_alignment") double gradientAlignment,
        @JsonProperty("matched_invariants") List<String> matchedInvariants,
        @JsonProperty("alignment_per_invariant") Map<String, Double> alignmentPerInvariant,
        @JsonProperty("pearson_per_invariant") Map<String, Double> pearsonPerInvariant,
        @JsonProperty("r2") double r2,
        @JsonProperty("within_group_spread") double withinGroupSpread,
        @JsonProperty("constant_on_data") List<String> constantOnData,
        @JsonProperty("formula") String formula,
        @JsonProperty("formula_latex") String formulaLatex,
        @JsonProperty("formulas") List<String> formulas,
        @JsonProperty("formula_reading") List<String> formulaReading,
        @JsonProperty("formula_r2") double formulaR2,
        @JsonProperty("formula_alignment") double formulaAlignment,
        @JsonProperty("formula_network_alignment") double formulaNetworkAlignment,
        @JsonProperty("formula_exact") boolean formulaExact,
        @JsonProperty("formula_matches") List<String> formulaMatches,
        @JsonProperty("formula_fresh_spread") double formulaFreshSpread,
        @JsonProperty("formula_flags") List<String> formulaFlags,
        @JsonProperty("formula_error") String formulaError,
        @JsonProperty("formula_verdicts") List<Verdict> formulaVerdicts,
        @JsonProperty("formula_set") SetVerdict formulaSet,
        @JsonProperty("true_invariants") Map<String, String> trueInvariants,
        @JsonProperty("best_epoch") int bestEpoch,
        @JsonProperty("epochs_run") int epochsRun,
        @JsonProperty("train_examples") @JsonAlias("train_pairs") long trainExamples,
        @JsonProperty("train_seconds") double trainSeconds,
        @JsonProperty("examples_per_second") @JsonAlias("pairs_per_second") double examplesPerSecond,
        @JsonProperty("correlation") Map<String, GroupCorrelation> correlation,
        @JsonProperty("fresh_correlation") Map<String, GroupCorrelation> freshCorrelation,
        @JsonProperty("tracked_correlation") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, CorrelationTrack.Peak> trackedCorrelation) {

    public RunMetrics {
        trackedCorrelation = trackedCorrelation == null ? Map.of() : ordered(trackedCorrelation);
        correlation = correlation == null ? Map.of() : ordered(correlation);
        freshCorrelation = freshCorrelation == null ? Map.of() : ordered(freshCorrelation);
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(status, "status");
        matchedInvariants = List.copyOf(matchedInvariants);
        alignmentPerInvariant = ordered(alignmentPerInvariant);
        pearsonPerInvariant = ordered(pearsonPerInvariant);
        constantOnData = List.copyOf(constantOnData);
        formulas = List.copyOf(formulas);
        formulaReading = List.copyOf(formulaReading);
        formulaMatches = List.copyOf(formulaMatches);
        formulaFlags = List.copyOf(formulaFlags);
        formulaVerdicts = formulaVerdicts == null ? List.of() : List.copyOf(formulaVerdicts);
        trueInvariants = ordered(trueInvariants);
    }

    /** These metrics with the formula part replaced (a new reading of the same model). */
    public RunMetrics withFormulas(FormulaSummary f) {
        return new RunMetrics(system, seed, status, statusMessage, stopReason, trainAccuracy, testAccuracy, testLoss,
                gradientAlignment, matchedInvariants, alignmentPerInvariant, pearsonPerInvariant, r2, withinGroupSpread,
                constantOnData, f.formula(), f.latex(), f.formulas(), f.reading(), f.r2(), f.alignment(),
                f.networkAlignment(), f.exact(), f.matches(), f.freshSpread(), f.flags(), f.error(), f.verdicts(), f.set(),
                trueInvariants,
                bestEpoch, epochsRun, trainExamples, trainSeconds, examplesPerSecond, correlation, freshCorrelation,
                trackedCorrelation);
    }

    /** These metrics with another status (a run judged again after a new reading). */
    public RunMetrics withStatus(LearningVerdict verdict) {
        return new RunMetrics(system, seed, verdict.status(), verdict.message(), stopReason, trainAccuracy, testAccuracy,
                testLoss, gradientAlignment, matchedInvariants, alignmentPerInvariant, pearsonPerInvariant, r2,
                withinGroupSpread, constantOnData, formula, formulaLatex, formulas, formulaReading, formulaR2,
                formulaAlignment, formulaNetworkAlignment, formulaExact, formulaMatches, formulaFreshSpread, formulaFlags,
                formulaError, formulaVerdicts, formulaSet, trueInvariants, bestEpoch, epochsRun, trainExamples,
                trainSeconds, examplesPerSecond, correlation, freshCorrelation,
                trackedCorrelation);
    }

    /** Examples × epochs over the training seconds (validation included); NaN without a duration. */
    public static double examplesPerSecond(long examples, int epochs, double seconds) {
        return seconds > 0 ? examples * (double) epochs / seconds : Double.NaN;
    }

    /** True if the run completed and learned something. */
    public boolean completed() {
        return status == RunStatus.COMPLETED;
    }

    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(m, "map")));
    }
}
