package org.invariantlab.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one epoch loop of the engine: {@link Trainer} (losses on the latents, through a network head) and
 * {@link GradientTrainer} (losses on the input gradients) differ only in their {@link Objective} — what one step on a
 * batch does, how the network is validated and kept — and in a few named {@link Rules}.
 *
 * <p>Each epoch, in order: the learning rate of the {@link TrainingConfig}'s schedule
 * ({@code η_e = schedule(e)}; past the planned epochs the last one's); a Fisher–Yates shuffle of the example order by
 * the caller's generator; steps over consecutive batches of that order (the last one smaller, or left out, by
 * {@link Rules#wholeBatchesOnly}); a step that reports a non-finite loss or gradient ends training as diverged; then
 * the objective's validation, the stopping rules, then the epoch's {@link EpochStats} to the listener (and, when the
 * objective shows its network, the network itself, saying whether the epoch is the last), and the stop: a mean training
 * or validation loss above {@link Trainer#DIVERGED_LOSS} or not finite (when {@link Rules#keepBest}), no improvement
 * for {@code patience} epochs, and the plateau rule ({@link GradientTrainer.Plateau}): a network still improving when
 * its epochs end ({@link GradientTrainer#stillImproving}) trains on, a fifth of its epochs at a time, up to its
 * budget.
 *
 * <p>The example-weighted mean of the step losses is the epoch's training loss
 * {@code L̄ = Σ_b w_b L_b / Σ_b w_b}, with the weights the objective gives (its examples per step, or 1 per step).
 * Throughput counts the examples of the steps over the steps' wall time (validation not included).
 */
final class EpochLoop {

    /** What one training call does on its network, step by step. */
    interface Objective {

        /**
         * One optimisation step on the examples {@code order[from, to)} at learning rate {@code eta}.
         *
         * @param epoch     0-based epoch
         * @param step      1-based step within the epoch
         * @param iteration 0-based step over the whole run
         */
        Step step(int[] order, int from, int to, double eta, int epoch, int step, long iteration);

        /** After the last step of an epoch: bring the network's weights up to date for validation. */
        default void endEpoch() {
        }

        /** The loss (and pair accuracy, or NaN) on the validation examples with the network as it is now. */
        Measure validate();

        /** Remember the network as it is now as the best so far ({@link Rules#keepBest}). */
        default void keepBest() {
        }

        /** The network as it is now, for {@link TrainingListener#epochNetwork}; {@code null} when there is none to show. */
        default TrainingListener.Network network() {
            return null;
        }
    }

    /**
     * One step's outcome.
     *
     * @param loss     the batch's mean loss
     * @param weight   its weight in the epoch's mean
     * @param examples examples the step trained on
     * @param correct  pairs judged right, when {@code judged > 0}
     * @param judged   pairs judged; {@code -1} when the step's head gives no probabilities
     * @param failure  why the step failed (a non-finite loss or gradient), or {@code null}
     */
    record Step(double loss, double weight, int examples, long correct, long judged, String failure) {

        static Step failed(String why) {
            return new Step(Double.NaN, 0, 0, 0, -1, why);
        }
    }

    /**
     * A validation.
     *
     * @param measured whether there are validation examples (without, the training loss chooses the best epoch)
     * @param loss     their mean loss
     * @param accuracy their pair accuracy, or NaN
     */
    record Measure(boolean measured, double loss, double accuracy) {

        static final Measure NONE = new Measure(false, Double.NaN, Double.NaN);
    }

    /**
     * The rules that differ between objectives.
     *
     * @param wholeBatchesOnly leave out an epoch's last, smaller batch
     * @param keepBest         keep the best epoch (validation loss, or training loss without validation) and stop on a
     *                         diverged mean loss; otherwise the network after the last epoch is the result
     * @param patience         stop after this many epochs without improvement (0: never)
     * @param plateau          whether a network still improving trains on
     * @param divergence       how a failed step ends training
     */
    record Rules(boolean wholeBatchesOnly, boolean keepBest, int patience, GradientTrainer.Plateau plateau,
                 Divergence divergence) {
    }

    /** How a failed step (a non-finite loss or gradient) ends training. */
    enum Divergence {
        /** Stop, keep the best epoch so far, and say {@code diverged: …} in the stop reason. */
        STOP,
        /** Throw a {@link TrainingDivergedException}: a stage that diverged has nothing to keep. */
        THROW
    }

    /**
     * What the loop did.
     *
     * @param history           per epoch
     * @param bestEpoch         1-based best epoch ({@link Rules#keepBest}), else the last; 0 when none ended
     * @param stopReason        {@link TrainingResult#COMPLETED}, {@link TrainingResult#EARLY_STOPPED} or
     *                          {@code diverged: …}
     * @param examplesPerSecond examples of the steps over the steps' wall time
     * @param followSeconds     wall time the listener spent on {@link TrainingListener#epochNetwork} (left out of
     *                          {@link EpochStats#seconds()} and of the training time)
     */
    record Outcome(List<EpochStats> history, int bestEpoch, String stopReason, double examplesPerSecond,
                   double followSeconds) {

        double[] trainLoss() {
            return history.stream().mapToDouble(EpochStats::trainLoss).toArray();
        }

        double[] validationLoss() {
            return history.stream().mapToDouble(EpochStats::validationLoss).toArray();
        }
    }

    private EpochLoop() {
    }

    /**
     * Runs the epochs.
     *
     * @param config    epochs, batch size and learning-rate schedule
     * @param examples  how many examples there are
     * @param random    the shuffling generator (seeded by the caller)
     * @param objective the steps
     * @param rules     the rules that differ between objectives
     * @param listener  told about every epoch, may be {@code null}
     * @param start     {@link System#nanoTime()} when the training call began, for {@link EpochStats#seconds()}
     * @throws TrainingDivergedException under {@link Divergence#THROW}, when a step fails
     */
    static Outcome run(TrainingConfig config, int examples, SplittableRandom random, Objective objective, Rules rules,
                       TrainingListener listener, long start) {
        int n = examples;
        int batch = Math.min(config.batchSize(), n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int budget = config.epochs() * rules.plateau().budget();
        int limit = config.epochs();
        List<EpochStats> history = new ArrayList<>();
        double[] validationCurve = new double[budget];
        int bestEpoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        long stepNanos = 0;
        long examplesDone = 0;
        long iteration = 0;
        long followNanos = 0;
        String stopReason = TrainingResult.COMPLETED;
        for (int epoch = 0; epoch < limit; epoch++) {
            double eta = config.learningRateAt(Math.min(epoch, config.epochs() - 1));
            Trainer.shuffle(order, random);
            long epochStart = System.nanoTime();
            Tally tally = new Tally();
            String failure = null;
            int stepNumber = 0;
            for (int from = 0; rules.wholeBatchesOnly() ? from + batch <= n : from < n; from += batch) {
                stepNumber++;
                Step s = objective.step(order, from, Math.min(n, from + batch), eta, epoch, stepNumber, iteration);
                if (s.failure() != null) {
                    failure = s.failure();
                    break;
                }
                tally.add(s);
                iteration++;
            }
            objective.endEpoch();
            stepNanos += System.nanoTime() - epochStart;
            examplesDone += tally.examples;
            if (failure != null) {
                if (rules.divergence() == Divergence.THROW) {
                    throw new TrainingDivergedException("training diverged: " + failure + "; lower the learning rate "
                            + "(now " + config.learningRate() + ")");
                }
                stopReason = TrainingResult.DIVERGED + ": " + failure;
                break;
            }
            double trainLoss = tally.meanLoss();
            Measure validation = objective.validate();
            validationCurve[epoch] = validation.loss();
            EpochStats stats = new EpochStats(epoch + 1, limit, trainLoss, tally.accuracy(), validation.loss(),
                    validation.accuracy(), eta, (System.nanoTime() - start - followNanos) / 1e9);
            history.add(stats);
            boolean validationDiverged = rules.keepBest() && validation.measured() && !Trainer.sane(validation.loss());
            double criterion = validation.measured() ? validation.loss() : trainLoss;
            if (!rules.keepBest()) {
                bestEpoch = epoch + 1;
            } else if (!validationDiverged && criterion < bestLoss) {
                bestLoss = criterion;
                objective.keepBest();
                bestEpoch = epoch + 1;
            }
            String stop = null;
            if (validationDiverged) {
                stop = TrainingResult.DIVERGED + ": " + (Double.isFinite(validation.loss()) ? "validation loss "
                        + validation.loss() : "non-finite validation loss") + " at epoch " + (epoch + 1);
            } else if (rules.keepBest() && !Trainer.sane(trainLoss)) {
                stop = TrainingResult.DIVERGED + ": mean training loss " + trainLoss + " at epoch " + (epoch + 1);
            } else if (rules.patience() > 0 && epoch + 1 < config.epochs() && epoch + 1 - bestEpoch >= rules.patience()) {
                stop = TrainingResult.EARLY_STOPPED;
            } else if (epoch + 1 == limit && limit < budget && validation.loss() >= rules.plateau().settled()
                    && GradientTrainer.stillImproving(java.util.Arrays.copyOf(validationCurve, limit))) {
                limit = Math.min(budget, limit + Math.max(1, config.epochs() / 5));
            }
            if (listener != null) {
                listener.epochCompleted(stats);
                TrainingListener.Network network = objective.network();
                if (network != null) {
                    long followStart = System.nanoTime();
                    listener.epochNetwork(stats, network, stop != null || epoch + 1 == limit);
                    followNanos += System.nanoTime() - followStart;
                }
            }
            if (stop != null) {
                stopReason = stop;
                break;
            }
        }
        double perSecond = stepNanos > 0 ? examplesDone / (stepNanos / 1e9) : Double.NaN;
        return new Outcome(List.copyOf(history), bestEpoch, stopReason, perSecond, followNanos / 1e9);
    }

    /** The running sums of one epoch's steps. */
    private static final class Tally {
        double weighted;
        double weights;
        long examples;
        long correct;
        long judged;
        boolean accuracyKnown = true;

        void add(Step s) {
            weighted += s.loss() * s.weight();
            weights += s.weight();
            examples += s.examples();
            if (s.judged() < 0) {
                accuracyKnown = false;
            } else {
                correct += s.correct();
                judged += s.judged();
            }
        }

        double meanLoss() {
            return weighted / weights;
        }

        double accuracy() {
            return accuracyKnown && judged > 0 ? (double) correct / judged : Double.NaN;
        }
    }
}
