package org.invariantlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.HeadOutput;
import org.invariantlab.api.training.LatentBatch;
import org.invariantlab.api.training.NetworkHead;
import org.invariantlab.api.training.PairExamples;
import org.junit.jupiter.api.Test;

/**
 * A head whose loss is on the latents' input gradients ({@link NetworkHead#needsInputGradients}) trains through
 * {@link Trainer} like any other: here the symmetry of the ellipses {@code I = x²/a² + y²} ({@code a = 4}), given by its
 * generator {@code v = (−a²y, x)} ({@code v·∇I = 0}), is learned from the loss
 * {@code L = ⟨(v·∇f)²⟩ / ⟨|v|²|∇f|²⟩} (a ratio of batch means: the weighted mean of {@code cos²∠(v, ∇f)}, zero exactly
 * when {@code ∇f ⊥ v}, i.e. {@code ∇f ∥ ∇I} in the plane). The states fill {@code [−4, 4] × [−1, 1]}, so the two
 * standardisation scales differ by 4: a gradient handed over in standardised units, or carried back without the
 * chain rule through {@code σ}, would turn {@code ∇f} towards the wrong ellipses and fail the alignment bound.
 */
class SecondOrderHeadTest {

    private static final double A = 4;

    /** The symmetry loss above, on every row of the batch. */
    static final class EllipseSymmetry implements NetworkHead {
        @Override
        public String id() {
            return "ellipse-symmetry";
        }

        @Override
        public String description() {
            return "test: the latent's gradient perpendicular to the ellipses' rotation generator";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of();
        }

        @Override
        public boolean needsInputGradients() {
            return true;
        }

        @Override
        public boolean accepts(BatchLayout layout) {
            return true;
        }

        @Override
        public HeadOutput evaluate(LatentBatch batch, double[] theta, Parameters parameters) {
            int rows = batch.layout().rows();
            double[] x = batch.states();
            double num = 0;
            double den = 0;
            double[][] v = new double[rows][];
            for (int r = 0; r < rows; r++) {
                v[r] = new double[] {-A * A * x[2 * r + 1], x[2 * r]};
                double gx = batch.inputGradient(r, 0, 0);
                double gy = batch.inputGradient(r, 0, 1);
                double dot = v[r][0] * gx + v[r][1] * gy;
                num += dot * dot / rows;
                den += (v[r][0] * v[r][0] + v[r][1] * v[r][1]) * (gx * gx + gy * gy) / rows;
            }
            double loss = num / den;
            double[] dg = new double[rows * 2];
            for (int r = 0; r < rows; r++) {
                double gx = batch.inputGradient(r, 0, 0);
                double gy = batch.inputGradient(r, 0, 1);
                double dot = v[r][0] * gx + v[r][1] * gy;
                double vv = v[r][0] * v[r][0] + v[r][1] * v[r][1];
                // ∂(num/den)/∂g_r = (2/R)[(v·g) v / den − (num/den²)|v|² g]
                dg[2 * r] = 2.0 / rows * (dot * v[r][0] / den - num / (den * den) * vv * gx);
                dg[2 * r + 1] = 2.0 / rows * (dot * v[r][1] / den - num / (den * den) * vv * gy);
            }
            return new HeadOutput(loss, new double[rows], new double[0], new double[0], dg);
        }
    }

    private static PairExamples states(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] first = new double[2 * n];
        double[] second = new double[2 * n];
        for (int i = 0; i < 2 * n; i += 2) {
            first[i] = A * (2 * rng.nextDouble() - 1);
            first[i + 1] = 2 * rng.nextDouble() - 1;
            second[i] = A * (2 * rng.nextDouble() - 1);
            second[i + 1] = 2 * rng.nextDouble() - 1;
        }
        return new PairExamples(2, first, second, new double[n]);
    }

    private static TrainingConfig config(String activation) {
        return TrainingConfig.defaults().withEncoder(EncoderConfig.defaults().withHiddenWidths(List.of(32, 32))
                .withActivation(activation)).withEpochs(15).withBatchSize(64).withLearningRate(3e-3).withSeed(7);
    }

    private static final Parameters NONE = Parameters.resolve("ellipse-symmetry", List.of(), Map.of());

    @Test
    void aLossOnInputGradientsLearnsTheSymmetrysInvariantInRawCoordinates() {
        TrainingResult r = new Trainer().train(config("swish"), states(2000, 1), states(500, 2), new EllipseSymmetry(),
                NONE, null);
        assertEquals(TrainingResult.COMPLETED, r.stopReason());
        double first = r.history().get(0).validationLoss();
        double last = r.best().validationLoss();
        assertTrue(last < 0.1 * first, "the validation loss fell by 10× at least: " + first + " → " + last);
        // ∇f against ∇I = (2x/a², 2y) on fresh states: mean |cos| ≥ 0.98, i.e. a mean angle under about 11°
        PairExamples test = states(500, 3);
        double[] x = test.first();
        double[] g = r.encoder().inputGradients(x, 0);
        double sum = 0;
        for (int i = 0; i < x.length; i += 2) {
            double ix = 2 * x[i] / (A * A);
            double iy = 2 * x[i + 1];
            double cos = (g[i] * ix + g[i + 1] * iy) / Math.hypot(g[i], g[i + 1]) / Math.hypot(ix, iy);
            sum += Math.abs(cos);
        }
        double alignment = sum / (x.length / 2);
        assertTrue(alignment > 0.98, "∇f aligned with the ellipses' normal: " + alignment);
        // evaluation hands the head its gradients too: the loss of the kept model, recomputed
        Evaluation e = new Trainer().evaluate(r.encoder(), new EllipseSymmetry(), r.theta(), NONE, states(500, 2));
        assertEquals(last, e.loss(), 1e-6 * Math.max(1, last), "the same validation loss from evaluate");
    }

    @Test
    void aHeadOnInputGradientsRefusesAnActivationWithoutASecondDerivative() {
        InvariantLabException e = assertThrows(InvariantLabException.class, () -> new Trainer().train(config("relu"),
                states(200, 1), states(100, 2), new EllipseSymmetry(), NONE, null));
        assertTrue(e.getMessage().contains("ellipse-symmetry") && e.getMessage().contains("second derivative"),
                e.getMessage());
    }

    @Test
    void theParameterGradientThroughTheInputGradientsMatchesCentralDifferences() {
        // the trainer's step on one batch: z and ∇ₓz from the double-precision kernel, the head's ∂L/∂(∇ₓz) carried
        // back through σ and the second-order pass; against central differences of the same loss (double precision:
        // step 1e-6 on weights of order 1 gives about 1e-9 absolute error, the bound 1e-6 relative leaves room)
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = Encoder.network(EncoderConfig.defaults()
                .withHiddenWidths(List.of(5, 4)).withDataType("double"), 2, 3);
        JacobianKernel kernel = JacobianKernel.of(net);
        double[] params = JacobianKernel.parameters(net);
        PairExamples examples = states(6, 4);
        double[] mean = {0.3, -0.1};
        double[] std = {A / Math.sqrt(3), 1 / Math.sqrt(3)};
        int rows = 6;
        double[] u = new double[rows * 2];
        double[] x = examples.first();
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < 2; i++) {
                u[2 * r + i] = (x[2 * r + i] - mean[i]) / std[i];
            }
        }
        EllipseSymmetry head = new EllipseSymmetry();
        BatchLayout layout = new BatchLayout.Grouped(rows, 1, 0);
        java.util.function.ToDoubleFunction<double[]> loss = p -> {
            kernel.forward(p, u, rows);
            return head.evaluate(new LatentBatch(layout, 1, java.util.Arrays.copyOf(kernel.outputs(rows), rows),
                    Trainer.rawGradients(kernel.jacobian(rows), rows, std), Trainer.rawStates(u, rows, mean, std)),
                    new double[0], NONE).loss();
        };
        kernel.forward(params, u, rows);
        HeadOutput out = head.evaluate(new LatentBatch(layout, 1, java.util.Arrays.copyOf(kernel.outputs(rows), rows),
                Trainer.rawGradients(kernel.jacobian(rows), rows, std), Trainer.rawStates(u, rows, mean, std)),
                new double[0], NONE);
        double[] analytic = new double[params.length];
        kernel.backward(params, out.latentGradient(), Trainer.rawGradients(out.inputGradientGradient(), rows, std),
                rows, analytic);
        double h = 1e-6;
        for (int q = 0; q < params.length; q++) {
            double[] up = params.clone();
            double[] down = params.clone();
            up[q] += h;
            down[q] -= h;
            double numeric = (loss.applyAsDouble(up) - loss.applyAsDouble(down)) / (2 * h);
            assertEquals(numeric, analytic[q], 1e-6 * Math.max(1, Math.abs(numeric)), "parameter " + q);
        }
    }
}
