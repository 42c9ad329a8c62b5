package org.invariantlab.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.core.builtin.GradientOrthogonalityLoss;
import org.junit.jupiter.api.Test;

/**
 * Training on input gradients learns a conserved quantity from the vector field alone: the 1-D harmonic
 * oscillator {@code h = (p, −q)}, whose only invariant is {@code E = (q² + p²)/2}.
 */
class GradientTrainerTest {

    /**
     * Bound on {@code 1 − |ĝ·∇E/|∇E||} averaged over test states: an untrained network scores about 0.36 (a random
     * direction in 2-D has mean |cos| = 2/π); the conservation loss drives it to the network's fitting error, which
     * was below 10⁻³ on this problem.
     */
    static final double MISALIGNMENT = 0.01;

    static GradientTrainer.FieldSamples oscillator(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[2 * n];
        double[] h = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double r = rng.nextDouble(0.2, 1.0);
            double phi = rng.nextDouble(0, 2 * Math.PI);
            x[2 * i] = r * Math.cos(phi);
            x[2 * i + 1] = r * Math.sin(phi);
            h[2 * i] = x[2 * i + 1];
            h[2 * i + 1] = -x[2 * i];
        }
        return new GradientTrainer.FieldSamples(2, x, h, Optional.empty());
    }

    private static TrainingConfig config() {
        return TrainingConfig.defaults().withEncoder(EncoderConfig.defaults().withHiddenWidths(List.of(16, 16))
                .withLatentSize(1)).withEpochs(40).withBatchSize(64).withLearningRate(3e-3).withSeed(3);
    }

    @Test
    void learnsTheEnergyOfTheOscillatorFromItsVectorField() {
        GradientOrthogonalityLoss loss = new GradientOrthogonalityLoss();
        Parameters p = Parameters.resolve(loss.id(), loss.parameters(), Map.of());
        GradientTrainer.Stage stage = GradientTrainer.train(oscillator(1024, 1), oscillator(256, 2), loss, p, config(),
                List.of(), null);
        GradientTrainer.FieldSamples test = oscillator(500, 3);
        double[] g = stage.encoder().inputGradients(test.states(), 0);
        double[] x = test.states();
        double misalignment = 0;
        for (int i = 0; i < 500; i++) {
            double gq = g[2 * i];
            double gp = g[2 * i + 1];
            double cos = (gq * x[2 * i] + gp * x[2 * i + 1]) / Math.hypot(gq, gp) / Math.hypot(x[2 * i], x[2 * i + 1]);
            misalignment += 1 - Math.abs(cos);
        }
        misalignment /= 500;
        assertTrue(misalignment < MISALIGNMENT, "1 - |cos(∇f, ∇E)| = " + misalignment);
        assertTrue(stage.finalLoss() < stage.validationLoss()[0], "the loss must fall: " + stage.finalLoss());
        assertEquals(40, stage.trainLoss().length);
    }

    @Test
    void sameSeedSameWeights() {
        GradientOrthogonalityLoss loss = new GradientOrthogonalityLoss();
        Parameters p = Parameters.resolve(loss.id(), loss.parameters(), Map.of());
        TrainingConfig c = config().withEpochs(3);
        double[] a = GradientTrainer.train(oscillator(256, 1), oscillator(64, 2), loss, p, c, List.of(), null)
                .validationLoss();
        double[] b = GradientTrainer.train(oscillator(256, 1), oscillator(64, 2), loss, p, c, List.of(), null)
                .validationLoss();
        assertArrayEquals(a, b, 0.0);
    }

    /**
     * The plateau rule (the count's constant schedule): 10 epochs at a tenth of the rate above leave the energy's loss still falling (its last two epochs a fifth better
     * than the eight before), so the stage trains on, two epochs at a time, until its curve flattens or it has trained
     * 20; a curve that ends before the budget ends flat. Without the rule, or below its settled loss, it stops at 10.
     */
    @Test
    void aStageStillImprovingWhenItsEpochsEndTrainsOnWithinItsBudget() {
        GradientOrthogonalityLoss loss = new GradientOrthogonalityLoss();
        Parameters p = Parameters.resolve(loss.id(), loss.parameters(), Map.of());
        TrainingConfig c = config().withEpochs(10).withLearningRate(3e-4).withSchedule("constant");
        double[] curve = GradientTrainer.train(oscillator(1024, 1), oscillator(256, 2), loss, p, c, List.of(), null,
                GradientTrainer.Plateau.below(0)).validationLoss();
        assertTrue(GradientTrainer.stillImproving(java.util.Arrays.copyOf(curve, 10)), java.util.Arrays.toString(curve));
        assertTrue(curve.length > 10 && curve.length <= 10 * GradientTrainer.PLATEAU_BUDGET, "epochs " + curve.length);
        assertTrue(curve.length == 10 * GradientTrainer.PLATEAU_BUDGET || !GradientTrainer.stillImproving(curve),
                java.util.Arrays.toString(curve));
        // without the rule, or with the loss already below the settled level (here 1, above every value), 10 epochs
        assertEquals(10, GradientTrainer.train(oscillator(1024, 1), oscillator(256, 2), loss, p, c, List.of(), null)
                .validationLoss().length);
        assertEquals(10, GradientTrainer.train(oscillator(1024, 1), oscillator(256, 2), loss, p, c, List.of(), null,
                GradientTrainer.Plateau.below(1)).validationLoss().length);
    }

    /** A validation set smaller than a batch (a small data file's few trajectories) is evaluated as one batch. */
    @Test
    void fewerValidationStatesThanABatchStillGiveAFiniteLoss() {
        GradientOrthogonalityLoss loss = new GradientOrthogonalityLoss();
        Parameters p = Parameters.resolve(loss.id(), loss.parameters(), Map.of());
        GradientTrainer.Stage stage = GradientTrainer.train(oscillator(256, 1), oscillator(20, 2), loss, p,
                config().withEpochs(2), List.of(), null);
        for (double v : stage.validationLoss()) {
            assertTrue(Double.isFinite(v) && v >= 0, "validation loss " + v);
        }
    }
}
