package org.invariantlab.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.Parameters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.GroupExamples;
import org.invariantlab.api.training.HeadOutput;
import org.invariantlab.api.training.LatentBatch;
import org.invariantlab.api.training.PairExamples;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {

    private static final Parameters NONE = Parameters.empty();
    private static final PairExamples TRAIN = Problems.rotationPairs(4000, 1);
    private static final PairExamples VALIDATION = Problems.rotationPairs(1000, 2);

    /** A small fast configuration for the rotation problem. */
    private static TrainingConfig quick() {
        return TrainingConfig.defaults().withEncoder(EncoderConfig.defaults().withHiddenWidths(List.of(32, 32)))
                .withEpochs(12).withBatchSize(64).withLearningRate(3e-3).withSeed(5);
    }

    private static double[] states(PairExamples p) {
        return p.first();
    }

    @Test
    void learnsTheRotationInvariantFromPairs() {
        List<EpochStats> seen = new ArrayList<>();
        TrainingResult r = new Trainer().train(quick(), TRAIN, VALIDATION, new TestHeads.DistanceLogistic(), NONE,
                seen::add);
        assertEquals(TrainingResult.COMPLETED, r.stopReason());
        assertEquals(12, r.history().size());
        assertEquals(r.history(), seen);
        EpochStats best = r.best();
        assertTrue(best.validationAccuracy() > 0.9, "validation accuracy " + best.validationAccuracy());
        double[] x = states(VALIDATION);
        double[] grad = r.encoder().inputGradients(x, 0);
        double[] radial = new double[x.length];
        for (int i = 0; i < x.length / 2; i++) {
            double[] c = Problems.radialDirection(new double[] {x[2 * i], x[2 * i + 1]});
            radial[2 * i] = c[0];
            radial[2 * i + 1] = c[1];
        }
        double alignment = Problems.meanAbsCos(grad, radial, 2);
        assertTrue(alignment > 0.95, "gradient alignment " + alignment);
        assertTrue(r.examplesPerSecond() > 0);
        assertTrue(r.seconds() > 0);
    }

    @Test
    void learnsFromGroupsWithAVarianceHead() {
        GroupExamples train = Problems.circleGroups(400, 8, 8, 3);
        GroupExamples validation = Problems.circleGroups(100, 8, 8, 4);
        TrainingConfig config = quick().withBatchSize(16).withEpochs(15);
        TrainingResult r = new Trainer().train(config, train, validation, new TestHeads.Variance(), NONE, null);
        assertTrue(Double.isNaN(r.best().validationAccuracy()));
        assertTrue(Double.isNaN(r.best().trainAccuracy()));
        double[] x = validation.groups().values();
        double[] grad = r.encoder().inputGradients(x, 0);
        double alignment = Problems.meanAbsCos(grad, x, 2);
        assertTrue(alignment > 0.9, "gradient alignment " + alignment);
        Evaluation e = new Trainer().evaluate(r.encoder(), new TestHeads.Variance(), r.theta(), NONE, validation);
        assertEquals(r.best().validationLoss(), e.loss(), 0.0);
        assertEquals(0, e.sameProbability().length);
    }

    private static List<double[]> lossCurves(TrainingResult r) {
        List<double[]> out = new ArrayList<>();
        for (EpochStats e : r.history()) {
            out.add(new double[] {e.epoch(), e.trainLoss(), e.trainAccuracy(), e.validationLoss(),
                e.validationAccuracy(), e.learningRate()});
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameHistoryAndModel() {
        TrainingConfig config = quick().withEpochs(3);
        TrainingResult a = new Trainer().train(config, TRAIN, VALIDATION, new TestHeads.DistanceLogistic(), NONE, null);
        TrainingResult b = new Trainer().train(config, TRAIN, VALIDATION, new TestHeads.DistanceLogistic(), NONE, null);
        TrainingResult c = new Trainer().train(config.withSeed(6), TRAIN, VALIDATION, new TestHeads.DistanceLogistic(),
                NONE, null);
        List<double[]> ca = lossCurves(a);
        List<double[]> cb = lossCurves(b);
        for (int e = 0; e < ca.size(); e++) {
            assertArrayEquals(ca.get(e), cb.get(e), 0.0, "epoch " + (e + 1));
        }
        assertArrayEquals(a.theta(), b.theta(), 0.0);
        double[] x = VALIDATION.first();
        assertArrayEquals(a.encoder().latents(x), b.encoder().latents(x), 0.0);
        assertNotEquals(a.history().get(0).trainLoss(), c.history().get(0).trainLoss());
    }

    @Test
    void divergenceKeepsACopyOfTheBestModel() {
        int stepsPerEpoch = (TRAIN.count() + 63) / 64;
        int callsPerEpoch = stepsPerEpoch + 1;
        // fail at epoch 3, step 10: the live network has had nine more updates by then
        TestHeads.FailingAfter failing = new TestHeads.FailingAfter(2 * callsPerEpoch + 10);
        TrainingResult r = new Trainer().train(quick().withEpochs(6), TRAIN, VALIDATION, failing, NONE, null);
        assertEquals("diverged: non-finite loss at epoch 3, step 10", r.stopReason());
        assertTrue(r.diverged());
        assertEquals(2, r.history().size());
        assertTrue(r.bestEpoch() == 1 || r.bestEpoch() == 2);
        Evaluation e = new Trainer().evaluate(r.encoder(), new TestHeads.DistanceLogistic(), r.theta(), NONE,
                VALIDATION);
        assertEquals(r.best().validationLoss(), e.loss(), 0.0);
        assertEquals(r.best().validationAccuracy(), e.accuracy(), 0.0);
        assertEquals(VALIDATION.count(), e.sameProbability().length);
    }

    @Test
    void divergenceInTheFirstEpochIsAnError() {
        InvariantLabException e = assertThrows(InvariantLabException.class, () -> new Trainer().train(quick(), TRAIN,
                VALIDATION, new TestHeads.FailingAfter(3), NONE, null));
        assertTrue(e.getMessage().contains("non-finite loss at epoch 1, step 3"), e.getMessage());
        assertTrue(e.getMessage().contains("before any epoch ended with a finite loss"), e.getMessage());
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    }

    @Test
    void aNonFiniteGradientOrValidationLossAlsoStopsTraining() {
        InvariantLabException e = assertThrows(InvariantLabException.class, () -> new Trainer().train(quick(), TRAIN,
                VALIDATION, new TestHeads.FailingAfter((TRAIN.count() + 63) / 64 + 1), NONE, null));
        assertTrue(e.getMessage().contains("non-finite validation loss at epoch 1"), e.getMessage());
        int callsPerEpoch = (TRAIN.count() + 63) / 64 + 1;
        TrainingResult r = new Trainer().train(quick(), TRAIN, VALIDATION,
                new TestHeads.FailingAfter(callsPerEpoch + 1, true), NONE, null);
        assertEquals("diverged: non-finite gradient at epoch 2, step 1", r.stopReason());
        assertEquals(1, r.bestEpoch());
        r = new Trainer().train(quick(), TRAIN, VALIDATION, new TestHeads.FailingAfter(2 * callsPerEpoch), NONE, null);
        assertEquals("diverged: non-finite validation loss at epoch 2", r.stopReason());
        assertEquals(2, r.history().size());
        assertTrue(Double.isNaN(r.history().get(1).validationLoss()));
        assertEquals(1, r.bestEpoch());
    }

    @Test
    void patienceStopsEarly() {
        TrainingResult r = new Trainer().train(quick().withPatience(2), TRAIN, VALIDATION, new TestHeads.Constant(),
                NONE, null);
        assertEquals(TrainingResult.EARLY_STOPPED, r.stopReason());
        assertEquals(3, r.history().size());
        assertEquals(1, r.bestEpoch());
    }

    @Test
    void withoutValidationTheBestEpochIsChosenByTrainingLoss() {
        TrainingResult r = new Trainer().train(quick().withEpochs(3), TRAIN, null, new TestHeads.DistanceLogistic(),
                NONE, null);
        assertTrue(Double.isNaN(r.best().validationLoss()));
        double min = r.history().stream().mapToDouble(EpochStats::trainLoss).min().orElseThrow();
        assertEquals(min, r.best().trainLoss(), 0.0);
    }

    /**
     * One step on one batch, end to end, against an independent computation: DL4J's own
     * {@code backpropGradient} of the head's mean-loss gradient, then ND4J's Adam rule by hand. Checks the
     * kernel's gradient, the scaling convention (no extra division by the batch size), the learning rate
     * and Adam for the network and for {@code θ}.
     */
    @Test
    void oneStepIsAdamOnTheGradientOfTheMeanLoss() {
        PairExamples small = Problems.rotationPairs(50, 9);
        double eta = 1e-3;
        TrainingConfig config = quick().withEncoder(quick().encoder().withDataType("double")).withEpochs(1)
                .withBatchSize(256).withSchedule("constant").withLearningRate(eta);
        TestHeads.DistanceLogistic head = new TestHeads.DistanceLogistic();
        TrainingResult r = new Trainer().train(config, small, null, head, NONE, null);

        MultiLayerNetwork net = Encoder.network(config.encoder(), 2, config.seed());
        double[] before = net.params().toDoubleVector();
        Standardization st = Standardization.fit(2, small.first(), small.second());
        double[] rows = new double[4 * small.count()];
        System.arraycopy(st.apply(small.first()), 0, rows, 0, 2 * small.count());
        System.arraycopy(st.apply(small.second()), 0, rows, 2 * small.count(), 2 * small.count());
        net.setInput(Nd4j.createFromArray(rows).reshape(2L * small.count(), 2));
        List<INDArray> acts = net.feedForward(true, false);
        double[] z = acts.get(acts.size() - 1).reshape(2L * small.count()).toDoubleVector();
        HeadOutput out = head.evaluate(new LatentBatch(new BatchLayout.Pairs(small.labels()), 1, z),
                head.initialParameters(NONE), NONE);
        INDArray dz = Nd4j.createFromArray(out.latentGradient()).reshape(2L * small.count(), 1);
        double[] g = net.backpropGradient(dz, LayerWorkspaceMgr.noWorkspaces()).getFirst().gradient().toDoubleVector();

        double[] after = r.encoder().network().params().toDoubleVector();
        for (int i = 0; i < before.length; i++) {
            assertEquals(adamFirstStep(g[i], eta), after[i] - before[i], 1e-9 * eta, "parameter " + i);
        }
        double[] theta0 = head.initialParameters(NONE);
        double[] gTheta = out.headGradient();
        for (int i = 0; i < theta0.length; i++) {
            assertEquals(adamFirstStep(gTheta[i], eta), r.theta()[i] - theta0[i], 1e-9 * eta);
        }
    }

    /** ND4J's Adam at iteration 0: {@code −η√(1−β₂)/(1−β₁) · (1−β₁)g / (√((1−β₂)g²) + ε)}. */
    private static double adamFirstStep(double g, double eta) {
        double alpha = eta * Math.sqrt(1 - 0.999) / (1 - 0.9);
        return -alpha * (0.1 * g) / (Math.sqrt(0.001 * g * g) + 1e-8);
    }

    @Test
    void mismatchedExamplesAndHeadsAreExplained() {
        GroupExamples groups = Problems.circleGroups(10, 4, 4, 1);
        Trainer t = new Trainer();
        InvariantLabException e = assertThrows(InvariantLabException.class, () -> t.train(quick(), groups, null,
                new TestHeads.DistanceLogistic(), NONE, null));
        assertTrue(e.getMessage().contains(
                "head 'test-distance-logistic' does not accept the training examples (group examples"), e.getMessage());
        e = assertThrows(InvariantLabException.class, () -> t.train(quick(), TRAIN, groups,
                new TestHeads.DistanceLogistic(), NONE, null));
        assertTrue(e.getMessage().contains("does not accept the validation examples"), e.getMessage());
        e = assertThrows(InvariantLabException.class, () -> t.train(quick(), TRAIN,
                new PairExamples(3, new double[3], new double[3], new double[] {1}), new TestHeads.DistanceLogistic(),
                NONE, null));
        assertTrue(e.getMessage().contains("same kind and dimension"), e.getMessage());
        TestHeads.DistanceLogistic throwing = new TestHeads.DistanceLogistic() {
            @Override
            public HeadOutput evaluate(LatentBatch batch, double[] theta, Parameters parameters) {
                throw new IllegalArgumentException("labels out of range");
            }
        };
        e = assertThrows(InvariantLabException.class, () -> t.train(quick(), TRAIN, null, throwing, NONE, null));
        assertEquals("head 'test-distance-logistic' failed at epoch 1, step 1: labels out of range", e.getMessage());
        Encoder encoder = Encoder.create(quick().encoder(), Standardization.identity(3), 1);
        e = assertThrows(InvariantLabException.class, () -> t.evaluate(encoder, new TestHeads.DistanceLogistic(),
                new double[] {0, 0}, NONE, TRAIN));
        assertTrue(e.getMessage().contains("dimension 2"), e.getMessage());
    }
}
