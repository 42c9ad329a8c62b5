package org.invariantlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.invariantlab.api.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The second-order pass against DL4J's forward pass and against central differences, in double precision.
 *
 * <p>Tolerances: outputs agree with DL4J's to {@value #SAME} (both evaluate the same double expressions,
 * differing only in summation order and in the exponential's implementation); central differences with step
 * {@code ε = 1e-5} carry a truncation error {@code O(ε²·f''')} ≈ 1e-10 relative and a rounding error
 * {@code O(u/ε)} ≈ 1e-11 relative, so the analytic derivatives must agree to {@value #FD} relative.
 */
class JacobianKernelTest {

    static final double SAME = 1e-12;
    static final double FD = 1e-6;
    static final double EPS = 1e-5;

    private static MultiLayerNetwork net(String activation, int inputs, int outputs) {
        EncoderConfig c = new EncoderConfig(List.of(7, 5), activation, outputs, "xavier", "double");
        return Encoder.network(c, inputs, 11);
    }

    private static double[] random(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(-1.5, 1.5);
        }
        return v;
    }

    /** Inputs and outputs of the test networks. */
    static final int D = 3;
    static final int K = 2;

    /** A 3 → 7 → 5 → 2 network of {@code activation}, its kernel, parameters and {@code rows} random inputs. */
    private record Case(MultiLayerNetwork net, JacobianKernel kernel, double[] params, double[] x) {
        static Case of(String activation, int rows, long seed) {
            MultiLayerNetwork net = JacobianKernelTest.net(activation, D, K);
            return new Case(net, JacobianKernel.of(net), JacobianKernel.parameters(net), random(rows * D, seed));
        }
    }

    /** Every activation the second-order pass supports: the project's list, so a new one cannot go untested. */
    static List<String> activations() {
        return EncoderConfig.SECOND_ORDER_ACTIVATIONS;
    }

    @ParameterizedTest
    @MethodSource("activations")
    void outputsMatchDl4jAndJacobianMatchesCentralDifferences(String activation) {
        int d = D;
        int k = K;
        int rows = 4;
        Case c = Case.of(activation, rows, 3);
        MultiLayerNetwork net = c.net();
        JacobianKernel kernel = c.kernel();
        double[] p = c.params();
        double[] x = c.x();
        kernel.forward(p, x, rows);
        double[] z = kernel.outputs(rows).clone();
        double[] jac = kernel.jacobian(rows).clone();
        INDArray expected = net.output(Nd4j.create(x, new long[] {rows, d}, 'c').castTo(DataType.DOUBLE));
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < k; j++) {
                assertEquals(expected.getDouble(r, j), z[r * k + j], SAME * (1 + Math.abs(z[r * k + j])),
                        activation + " output");
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < d; i++) {
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[r * d + i] += EPS;
                minus[r * d + i] -= EPS;
                kernel.forward(p, plus, rows);
                double[] zp = kernel.outputs(rows).clone();
                kernel.forward(p, minus, rows);
                double[] zm = kernel.outputs(rows);
                for (int j = 0; j < k; j++) {
                    double fd = (zp[r * k + j] - zm[r * k + j]) / (2 * EPS);
                    double an = jac[(r * k + j) * d + i];
                    assertEquals(fd, an, FD * (1 + Math.abs(fd)), activation + " ∂z/∂x");
                }
            }
        }
    }

    /**
     * The parameter gradient of {@code L = Σ c·z + Σ C·J} (arbitrary upstream gradients, so every path of the
     * backward pass is exercised, including the {@code φ''} one) against central differences of {@code L}.
     */
    @ParameterizedTest
    @MethodSource("activations")
    void parameterGradientMatchesCentralDifferences(String activation) {
        int k = K;
        int rows = 5;
        Case c = Case.of(activation, rows, 5);
        JacobianKernel kernel = c.kernel();
        double[] p = c.params();
        double[] x = c.x();
        double[] cz = random(rows * k, 7);
        double[] cj = random(rows * k * D, 9);
        kernel.forward(p, x, rows);
        double[] grad = new double[kernel.parameterCount()];
        kernel.backward(p, cz, cj, rows, grad);
        double worst = 0;
        for (int q = 0; q < p.length; q++) {
            double[] plus = p.clone();
            double[] minus = p.clone();
            plus[q] += EPS;
            minus[q] -= EPS;
            double fd = (loss(kernel, plus, x, rows, cz, cj) - loss(kernel, minus, x, rows, cz, cj)) / (2 * EPS);
            assertEquals(fd, grad[q], FD * (1 + Math.abs(fd)), activation + " ∂L/∂θ_" + q);
            worst = Math.max(worst, Math.abs(grad[q]));
        }
        assertTrue(worst > 1e-3, "the test loss must depend on the parameters");
    }

    private static double loss(JacobianKernel kernel, double[] p, double[] x, int rows, double[] cz, double[] cj) {
        kernel.forward(p, x, rows);
        double s = 0;
        double[] z = kernel.outputs(rows);
        double[] j = kernel.jacobian(rows);
        for (int i = 0; i < cz.length; i++) {
            s += cz[i] * z[i];
        }
        for (int i = 0; i < cj.length; i++) {
            s += cj[i] * j[i];
        }
        return s;
    }

    @Test
    void reluIsRefusedWithAPlainMessage() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JacobianKernel.of(net("relu", 2, 1)));
        assertTrue(e.getMessage().contains("second derivative"), e.getMessage());
    }
}
