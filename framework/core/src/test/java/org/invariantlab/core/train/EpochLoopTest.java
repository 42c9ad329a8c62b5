package org.invariantlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The one epoch loop's rules, on a scripted objective whose validation curve is given per epoch: the rules are about
 * counting and choosing, so the bounds are exact (no tolerance).
 */
class EpochLoopTest {

    /** Records the batches it is given and returns the scripted validation losses. */
    private static class Scripted implements EpochLoop.Objective {
        final List<Integer> batchSizes = new ArrayList<>();
        final List<Integer> kept = new ArrayList<>();
        final IntToDoubleFunction validation;
        final boolean validated;
        int epoch;
        double stepLoss = 1;

        Scripted(IntToDoubleFunction validation, boolean validated) {
            this.validation = validation;
            this.validated = validated;
        }

        @Override
        public EpochLoop.Step step(int[] order, int from, int to, double eta, int epoch, int step, long iteration) {
            this.epoch = epoch;
            batchSizes.add(to - from);
            return new EpochLoop.Step(stepLoss, to - from, to - from, 0, -1, null);
        }

        @Override
        public EpochLoop.Measure validate() {
            return validated ? new EpochLoop.Measure(true, validation.applyAsDouble(epoch), Double.NaN)
                    : EpochLoop.Measure.NONE;
        }

        @Override
        public void keepBest() {
            kept.add(epoch + 1);
        }
    }

    private static TrainingConfig config(int epochs, int batch, int patience) {
        return TrainingConfig.defaults().withEpochs(epochs).withBatchSize(batch).withPatience(patience);
    }

    private static EpochLoop.Rules rules(boolean whole, boolean keepBest, int patience,
                                         GradientTrainer.Plateau plateau) {
        return new EpochLoop.Rules(whole, keepBest, patience, plateau, EpochLoop.Divergence.STOP);
    }

    @Test
    void wholeBatchesOnlyLeavesOutTheSmallerLastBatchAndTheOtherRuleKeepsIt() {
        Scripted whole = new Scripted(e -> 1, true);
        EpochLoop.run(config(2, 4, 0), 10, new SplittableRandom(1), whole,
                rules(true, false, 0, GradientTrainer.Plateau.NONE), null, System.nanoTime());
        assertEquals(List.of(4, 4, 4, 4), whole.batchSizes, "10 examples in batches of 4: two whole batches an epoch");
        Scripted partial = new Scripted(e -> 1, true);
        EpochLoop.run(config(2, 4, 0), 10, new SplittableRandom(1), partial,
                rules(false, true, 0, GradientTrainer.Plateau.NONE), null, System.nanoTime());
        assertEquals(List.of(4, 4, 2, 4, 4, 2), partial.batchSizes, "and the last 2 as a third step");
    }

    @Test
    void theBestEpochIsTheLowestValidationLossAndADivergedValidationStops() {
        double[] curve = {3, 1, 2, Double.NaN, 0.5};
        Scripted o = new Scripted(e -> curve[e], true);
        EpochLoop.Outcome out = EpochLoop.run(config(5, 4, 0), 8, new SplittableRandom(2), o,
                rules(false, true, 0, GradientTrainer.Plateau.NONE), null, System.nanoTime());
        assertEquals(2, out.bestEpoch(), "epoch 2 has the lowest validation loss before the divergence");
        assertEquals(List.of(1, 2), o.kept, "kept when the loss fell: epochs 1 and 2");
        assertEquals(4, out.history().size(), "stopped at the non-finite validation loss of epoch 4");
        assertTrue(out.stopReason().startsWith(TrainingResult.DIVERGED), out.stopReason());
    }

    @Test
    void withoutValidationTheTrainingLossChoosesAndPatienceStops() {
        Scripted o = new Scripted(e -> Double.NaN, false);
        EpochLoop.Outcome out = EpochLoop.run(config(10, 4, 3), 8, new SplittableRandom(3), o,
                rules(false, true, 3, GradientTrainer.Plateau.NONE), null, System.nanoTime());
        // the constant training loss improves once (epoch 1), then never: patience 3 stops after epoch 4
        assertEquals(1, out.bestEpoch());
        assertEquals(4, out.history().size());
        assertEquals(TrainingResult.EARLY_STOPPED, out.stopReason());
    }

    @Test
    void aCurveStillFallingTrainsOnAFifthAtATimeUpToTheBudget() {
        // halving every epoch: always "still improving" (GradientTrainer#stillImproving), so 10 epochs grow to 20
        Scripted o = new Scripted(e -> Math.pow(0.5, e), true);
        EpochLoop.Outcome out = EpochLoop.run(config(10, 4, 0), 8, new SplittableRandom(4), o,
                rules(true, false, 0, GradientTrainer.Plateau.below(0)), null, System.nanoTime());
        assertEquals(10 * GradientTrainer.PLATEAU_BUDGET, out.history().size());
        assertEquals(out.history().size(), out.bestEpoch(), "without keeping the best, the last epoch is the result");
        // a flat curve does not train on
        Scripted flat = new Scripted(e -> 1, true);
        assertEquals(10, EpochLoop.run(config(10, 4, 0), 8, new SplittableRandom(4), flat,
                rules(true, false, 0, GradientTrainer.Plateau.below(0)), null, System.nanoTime()).history().size());
        // nor does one already below the settled loss
        Scripted settled = new Scripted(e -> Math.pow(0.5, e) * 1e-3, true);
        assertEquals(10, EpochLoop.run(config(10, 4, 0), 8, new SplittableRandom(4), settled,
                rules(true, false, 0, GradientTrainer.Plateau.below(1)), null, System.nanoTime()).history().size());
    }

    @Test
    void aFailedStepStopsWithTheReasonOrThrows() {
        EpochLoop.Objective failing = new Scripted(e -> 1, true) {
            @Override
            public EpochLoop.Step step(int[] order, int from, int to, double eta, int epoch, int step,
                                       long iteration) {
                return epoch == 1 ? EpochLoop.Step.failed("non-finite loss at epoch 2") : super.step(order, from, to,
                        eta, epoch, step, iteration);
            }
        };
        EpochLoop.Outcome out = EpochLoop.run(config(5, 4, 0), 8, new SplittableRandom(5), failing,
                rules(false, true, 0, GradientTrainer.Plateau.NONE), null, System.nanoTime());
        assertEquals(TrainingResult.DIVERGED + ": non-finite loss at epoch 2", out.stopReason());
        assertEquals(1, out.history().size());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> EpochLoop.run(config(5, 4, 0),
                8, new SplittableRandom(5), failing, new EpochLoop.Rules(true, false, 0, GradientTrainer.Plateau.NONE,
                        EpochLoop.Divergence.THROW), null, System.nanoTime()));
        assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
    }

    @Test
    void everyEpochShufflesTheOrderWithTheGivenGenerator() {
        List<String> orders = new ArrayList<>();
        EpochLoop.Objective o = new Scripted(e -> 1, true) {
            @Override
            public EpochLoop.Step step(int[] order, int from, int to, double eta, int epoch, int step,
                                       long iteration) {
                if (from == 0) {
                    orders.add(Arrays.toString(order));
                }
                return super.step(order, from, to, eta, epoch, step, iteration);
            }
        };
        EpochLoop.run(config(3, 16, 0), 16, new SplittableRandom(6), o,
                rules(false, true, 0, GradientTrainer.Plateau.NONE), null, System.nanoTime());
        assertEquals(3, orders.size());
        assertTrue(!orders.get(0).equals(orders.get(1)) && !orders.get(1).equals(orders.get(2)),
                "a new permutation each epoch: " + orders);
    }
}
