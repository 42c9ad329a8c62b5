package org.invariantlab.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.HeadOutput;
import org.invariantlab.api.training.LatentBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DenseKernelTest {

    private static double[] random(SplittableRandom rng, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return a;
    }

    private static void assertClose(double[] expected, double[] actual, double relative, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * scale, what + " [" + i + "]");
        }
    }

    /** Forward pass and parameter gradient agree with DL4J's feedForward/backpropGradient, for every activation. */
    @ParameterizedTest
    @ValueSource(strings = {"swish", "tanh", "relu", "softplus", "sigmoid", "gelu", "mish"})
    void matchesDl4jBackprop(String activation) {
        EncoderConfig config = new EncoderConfig(List.of(8, 7), activation, 2, "he", "double");
        MultiLayerNetwork net = Encoder.network(config, 3, 11);
        DenseKernel kernel = new DenseKernel(net);
        HostCopy copy = new HostCopy();
        SplittableRandom rng = new SplittableRandom(3);
        for (int rows : new int[] {10, 6, 10}) {
            double[] x = random(rng, rows * 3, 2);
            double[] g = random(rng, rows * 2, 1);
            copy.write(kernel.input(rows), x, rows * 3);
            double[] z = new double[rows * 2];
            copy.read(kernel.forward(rows), z, rows * 2);
            copy.write(kernel.outputGradient(rows), g, rows * 2);
            kernel.backward(rows);
            double[] gradient = kernel.gradient().toDoubleVector();

            INDArray input = Nd4j.createFromArray(x).reshape(rows, 3);
            net.setInput(input);
            List<INDArray> acts = net.feedForward(true, false);
            double[] zRef = acts.get(acts.size() - 1).reshape(rows * 2L).toDoubleVector();
            double[] gradRef = net.backpropGradient(Nd4j.createFromArray(g).reshape(rows, 2),
                    LayerWorkspaceMgr.noWorkspaces()).getFirst().gradient().toDoubleVector();
            assertClose(zRef, z, 1e-12, activation + " output, " + rows + " rows");
            assertClose(gradRef, gradient, 1e-12, activation + " gradient, " + rows + " rows");
        }
    }

    @Test
    void singlePrecisionAgreesToRounding() {
        MultiLayerNetwork net = Encoder.network(EncoderConfig.defaults().withHiddenWidths(List.of(16, 16)), 4, 2);
        DenseKernel kernel = new DenseKernel(net);
        assertEquals(DataType.FLOAT, kernel.type());
        HostCopy copy = new HostCopy();
        SplittableRandom rng = new SplittableRandom(4);
        int rows = 32;
        double[] x = random(rng, rows * 4, 2);
        double[] g = random(rng, rows, 1);
        copy.write(kernel.input(rows), x, rows * 4);
        kernel.forward(rows);
        copy.write(kernel.outputGradient(rows), g, rows);
        kernel.backward(rows);
        net.setInput(Nd4j.createFromArray(x).reshape(rows, 4).castTo(DataType.FLOAT));
        net.feedForward(true, false);
        double[] ref = net.backpropGradient(Nd4j.createFromArray(g).reshape(rows, 1).castTo(DataType.FLOAT),
                LayerWorkspaceMgr.noWorkspaces()).getFirst().gradient().toDoubleVector();
        assertClose(ref, kernel.gradient().toDoubleVector(), 1e-5, "float gradient");
    }

    /**
     * The scaling convention: back-propagating a head's latent gradient gives the gradient of the head's
     * <em>mean</em> loss with respect to the weights, checked against central differences of that loss.
     */
    @Test
    void backpropagatedHeadGradientIsTheGradientOfTheMeanLoss() {
        EncoderConfig config = new EncoderConfig(List.of(6, 6), "swish", 1, "he", "double");
        MultiLayerNetwork net = Encoder.network(config, 2, 5);
        DenseKernel kernel = new DenseKernel(net);
        HostCopy copy = new HostCopy();
        TestHeads.DistanceLogistic head = new TestHeads.DistanceLogistic();
        double[] theta = {0.5, -0.3};
        SplittableRandom rng = new SplittableRandom(6);
        int pairs = 12;
        int rows = 2 * pairs;
        double[] x = random(rng, rows * 2, 1.5);
        double[] labels = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            labels[i] = i % 2;
        }
        copy.write(kernel.input(rows), x, rows * 2);
        double[] z = new double[rows];
        copy.read(kernel.forward(rows), z, rows);
        HeadOutput out = head.evaluate(new LatentBatch(new BatchLayout.Pairs(labels), 1, z), theta, Parameters.empty());
        copy.write(kernel.outputGradient(rows), out.latentGradient(), rows);
        kernel.backward(rows);
        double[] gradient = kernel.gradient().toDoubleVector();

        INDArray params = net.params();
        double h = 1e-6;
        for (int p = 0; p < params.length(); p += 7) {
            double v = params.getDouble(p);
            params.putScalar(p, v + h);
            double up = meanLoss(net, x, rows, labels, head, theta);
            params.putScalar(p, v - h);
            double down = meanLoss(net, x, rows, labels, head, theta);
            params.putScalar(p, v);
            assertEquals((up - down) / (2 * h), gradient[p], 1e-7, "parameter " + p);
        }
    }

    private static double meanLoss(MultiLayerNetwork net, double[] x, int rows, double[] labels,
                                   TestHeads.DistanceLogistic head, double[] theta) {
        double[] z = net.output(Nd4j.createFromArray(x).reshape(rows, 2)).reshape(rows).toDoubleVector();
        return head.evaluate(new LatentBatch(new BatchLayout.Pairs(labels), 1, z), theta, Parameters.empty()).loss();
    }

    @Test
    void negligibleAndSubnormalGradientsAreFlushed() {
        double[] g = {1.0, 1e-13, -1e-12, 3e-40, -0.5};
        DenseKernel.flushNegligible(g, g.length, DataType.FLOAT);
        assertArrayEquals(new double[] {1.0, 0.0, -1e-12, 0.0, -0.5}, g, 0.0);
        double[] d = {1.0, 1e-13, 1e-22, -1e-300, 1e-320};
        DenseKernel.flushNegligible(d, d.length, DataType.DOUBLE);
        assertArrayEquals(new double[] {1.0, 1e-13, 0.0, 0.0, 0.0}, d, 0.0);
        double[] tiny = {1e-39, 2e-39};
        DenseKernel.flushNegligible(tiny, 2, DataType.FLOAT);
        assertArrayEquals(new double[] {0.0, 0.0}, tiny, 0.0);
    }
}
