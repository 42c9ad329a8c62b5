package org.invariantlab.core.run;

import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.invariantlab.core.job.FormulaReport;
import org.invariantlab.core.verdict.Verdict;
import org.invariantlab.core.verdict.VerdictKind;
import org.invariantlab.core.train.TrainingResult;

/**
 * Whether a run learned anything, decided after evaluation on the test pairs.
 *
 * <p>The rule: a run <b>failed to learn</b> when its test pair accuracy is indistinguishable from guessing,
 * i.e. an exact one-sided binomial test of the number of correctly judged test pairs against {@code p = 1/2}
 * does not reject chance at level {@value #ALPHA} (for 1000 test pairs that needs at least 550 correct, 55.0 %;
 * for 10,000 pairs 5156, 51.6 %), or when the test loss is not finite. Heads without probabilities (accuracy NaN)
 * are judged by the loss alone. A run that learned something but whose training stopped on divergence (a
 * non-finite loss, or a mean loss above {@link org.invariantlab.core.train.Trainer#DIVERGED_LOSS}) is
 * {@link RunStatus#DIVERGED}; everything else is {@link RunStatus#COMPLETED}, until its formulas are checked: a run
 * whose every formula is shown not conserved learned a {@link RunStatus#SHORTCUT} ({@link #afterReading}).
 *
 * @param status  the verdict
 * @param message for anything but {@code completed}: what happened and what to change; null otherwise
 */
public record LearningVerdict(RunStatus status, String message) {

    /** Significance level of the binomial test against chance. */
    public static final double ALPHA = 1e-3;

    /**
     * Judges a run.
     *
     * @param testAccuracy fraction of test pairs judged correctly (NaN if the head gives no probabilities)
     * @param testPairs    number of test pairs
     * @param testLoss     mean test loss
     * @param stopReason   the trainer's stop reason ({@link TrainingResult#stopReason()})
     * @param training     the training settings, quoted in the advice
     */
    public static LearningVerdict judge(double testAccuracy, int testPairs, double testLoss, String stopReason,
                                        RunSpec.Training training) {
        boolean diverged = stopReason.startsWith(TrainingResult.DIVERGED);
        String advice = String.format(Locale.ROOT, "lower --learning-rate (now %s), train more --epochs (now %d) or"
                + " use more data", training.learningRate(), training.epochs());
        String why = null;
        if (!Double.isFinite(testLoss)) {
            why = "the test loss is " + testLoss;
        } else if (!Double.isNaN(testAccuracy) && testPairs > 0) {
            long correct = Math.round(testAccuracy * testPairs);
            double p = chanceProbability(correct, testPairs);
            if (p > ALPHA) {
                why = String.format(Locale.ROOT, "test accuracy %.2f %% on %d pairs is indistinguishable from chance"
                        + " (binomial p = %.2g against 50 %%; learning needs at least %.1f %%)", 100 * testAccuracy,
                        testPairs, p, 100.0 * minimumCorrect(testPairs) / testPairs);
            }
        }
        if (why != null) {
            return new LearningVerdict(RunStatus.FAILED_TO_LEARN, "the network learned nothing: " + why
                    + (diverged ? "; training " + stopReason : "") + "; " + advice);
        }
        if (diverged) {
            return new LearningVerdict(RunStatus.DIVERGED, "training stopped early, " + stopReason
                    + "; the best model before that was kept and scored; " + advice);
        }
        return new LearningVerdict(RunStatus.COMPLETED, null);
    }

    /**
     * The verdict once the formulas are read and checked: a completed run of a pair head whose every formula is shown
     * not conserved ({@link VerdictKind#NOT_CONSERVED}) learned a {@link RunStatus#SHORTCUT}, whatever its test
     * accuracy: it separates the pairs by something that changes along the groups. A run with no formula, with one
     * formula conserved or undecided, or of a head without pairs (no accuracy: nothing told apart, its formula is
     * simply wrong), or whose own latents are conserved on held-out groups (the reading failed, not the network)
     * keeps its status.
     *
     * @param formulas         the verdicts of the formulas read from the network
     * @param testAccuracy     the test pair accuracy (NaN without pairs: never a shortcut)
     * @param networkAlignment how well the formulas explain the network (the reader's gradient alignment; NaN if
     *                         unknown): below {@link FormulaReport#MIN_NETWORK_ALIGNMENT} the message says the reading is partial
     * @param networkConserved whether the network's own latents are conserved along held-out groups
     *                         ({@link FormulaReport#conservedNetworks}); asked only when every formula is not: a
     *                         conserved network read badly is a reading that failed, not a shortcut
     */
    public LearningVerdict afterReading(List<Verdict> formulas, double testAccuracy, double networkAlignment,
                                        BooleanSupplier networkConserved) {
        if (status != RunStatus.COMPLETED || Double.isNaN(testAccuracy) || !isShortcut(formulas)
                || networkConserved.getAsBoolean()) {
            return this; // a head without pairs (Ha–Jeong's) tells nothing apart: its formula is just wrong
        }
        String read = formulas.stream().map(v -> "`" + v.formula() + "`").collect(Collectors.joining(", "));
        String evidence = formulas.get(0).evidence();
        return new LearningVerdict(RunStatus.SHORTCUT, String.format(Locale.ROOT, "the network learned a shortcut, "
                + "not an invariant: %s read from it %s not conserved (%s)%s%s; train with more data or epochs, or "
                + "another seed", read, formulas.size() == 1 ? "is" : "are", evidence,
                Double.isNaN(testAccuracy) ? "" : String.format(Locale.ROOT, ", although it tells %.1f %% of the test "
                        + "pairs apart", 100 * testAccuracy),
                networkAlignment < FormulaReport.MIN_NETWORK_ALIGNMENT ? String.format(Locale.ROOT, " (the formula explains the network only in part:"
                        + " alignment %.4f)", networkAlignment) : ""));
    }

    /** The rule: there are formulas, and every one is shown not conserved. */
    public static boolean isShortcut(List<Verdict> formulas) {
        return !formulas.isEmpty() && formulas.stream().allMatch(v -> v.kind() == VerdictKind.NOT_CONSERVED);
    }

    /** True unless the run failed to learn. */
    public boolean learned() {
        return status != RunStatus.FAILED_TO_LEARN;
    }

    /** P(X ≥ correct) for X ~ Binomial(n, 1/2): the chance of doing at least this well by guessing. */
    public static double chanceProbability(long correct, long n) {
        if (correct <= 0) {
            return 1.0;
        }
        if (correct > n) {
            return 0.0;
        }
        if (2 * correct <= n) {
            // the terms would grow towards n/2; use the symmetry P(X ≥ c) = 1 − P(X ≥ n − c + 1)
            return 1.0 - chanceProbability(n - correct + 1, n);
        }
        // from c > n/2 on the terms C(n, i)/2ⁿ only decrease: sum them relative to the first, the largest
        double logHalfN = n * Math.log(0.5);
        double logTerm = logChoose(n, correct) + logHalfN;
        double sum = 0;
        double first = logTerm;
        for (long i = correct; i <= n; i++) {
            sum += Math.exp(logTerm - first);
            if (i < n) {
                logTerm += Math.log((double) (n - i) / (i + 1));
            }
            if (logTerm - first < -50) {
                break;
            }
        }
        return Math.min(1.0, Math.exp(first) * sum);
    }

    /** The smallest number of correct pairs out of {@code n} that rejects chance at {@link #ALPHA}. */
    public static long minimumCorrect(long n) {
        long lo = n / 2;
        long hi = n + 1;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (chanceProbability(mid, n) <= ALPHA) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static double logChoose(long n, long k) {
        double s = 0;
        long m = Math.min(k, n - k);
        for (long i = 1; i <= m; i++) {
            s += Math.log((double) (n - m + i) / i);
        }
        return s;
    }
}
