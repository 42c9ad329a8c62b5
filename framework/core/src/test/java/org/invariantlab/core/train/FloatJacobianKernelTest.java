package org.invariantlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The single-precision kernel against the double reference ({@link JacobianKernel}, itself checked against central
 * differences), on the same parameters and inputs, for every supported activation and both orders.
 *
 * <p>Tolerance {@value #FLOAT}, relative to the largest entry of each compared quantity: every number passes
 * through float rounding ({@code u = 6·10⁻⁸}), the products of a 16-wide network sum a few dozen terms and the
 * second-order backward pass chains about ten of them, so errors of order {@code 10²·u ≈ 10⁻⁵} are expected; the
 * exponential of the Vector API adds 1.6·10⁻⁷ relative. A sign or index error would show at order one.
 */
class FloatJacobianKernelTest {

    static final double FLOAT = 1e-4;

    static final int D = 4;
    static final int K = 3;
    static final int ROWS = 37; // not a multiple of the vector length: the scalar remainder runs too

    private static MultiLayerNetwork net(String activation) {
        return Encoder.network(new EncoderConfig(List.of(16, 16), activation, K, "xavier", "double"), D, 5);
    }

    private static double[] random(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(-2, 2);
        }
        return v;
    }

    static List<String> activations() {
        return EncoderConfig.SECOND_ORDER_ACTIVATIONS;
    }

    private static void close(double[] expected, double[] actual, int n, String what) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], actual[i], FLOAT * scale, what + " [" + i + "]");
        }
    }

    @ParameterizedTest
    @MethodSource("activations")
    void secondOrderMatchesTheDoubleReference(String activation) {
        MultiLayerNetwork net = net(activation);
        JacobianKernel reference = JacobianKernel.of(net);
        FloatJacobianKernel fast = FloatJacobianKernel.of(net, true);
        double[] p = JacobianKernel.parameters(net);
        double[] x = random(ROWS * D, 1);
        double[] dz = random(ROWS * K, 2);
        double[] dj = random(ROWS * K * D, 3);
        reference.forward(p, x, ROWS);
        fast.forward(p, x, ROWS);
        close(reference.outputs(ROWS), fast.outputs(ROWS), ROWS * K, activation + " outputs");
        close(reference.jacobian(ROWS), fast.jacobian(ROWS), ROWS * K * D, activation + " Jacobian");
        double[] g1 = new double[p.length];
        double[] g2 = new double[p.length];
        reference.backward(p, dz, dj, ROWS, g1);
        fast.backward(p, dz, dj, ROWS, g2);
        close(g1, g2, p.length, activation + " parameter gradient");
    }

    @ParameterizedTest
    @MethodSource("activations")
    void firstOrderMatchesTheDoubleReferenceWithoutJacobian(String activation) {
        MultiLayerNetwork net = net(activation);
        JacobianKernel reference = JacobianKernel.of(net);
        FloatJacobianKernel fast = FloatJacobianKernel.of(net, false);
        double[] p = JacobianKernel.parameters(net);
        double[] x = random(ROWS * D, 4);
        double[] dz = random(ROWS * K, 5);
        reference.forward(p, x, ROWS);
        fast.forward(p, x, ROWS);
        close(reference.outputs(ROWS), fast.outputs(ROWS), ROWS * K, activation + " outputs");
        double[] g1 = new double[p.length];
        double[] g2 = new double[p.length];
        reference.backward(p, dz, null, ROWS, g1);
        fast.backward(p, dz, null, ROWS, g2);
        close(g1, g2, p.length, activation + " parameter gradient");
        assertThrows(IllegalStateException.class, () -> fast.jacobian(ROWS), "no Jacobian in first order");
    }

    /**
     * The Vector API loops and the scalar loops compute the same activations, to {@code 10⁻⁶} of the largest value
     * (a few float roundings; the vector exponential is within 1.6·10⁻⁷ relative).
     */
    @ParameterizedTest
    @MethodSource("activations")
    void vectorAndScalarActivationsAgree(String activation) {
        ActivationFunction f = ActivationFunction.of(EncoderConfig.defaults().withActivation(activation).dl4jActivation()
                .getActivationFunction());
        int n = 101;
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = -12f + 24f * i / (n - 1);
        }
        float[][] v = {new float[n], new float[n], new float[n]};
        float[][] s = {new float[n], new float[n], new float[n]};
        FloatActivations.apply(f, a, v[0], v[1], v[2], n, true);
        FloatActivations.scalar(f, a, s[0], s[1], s[2], 0, n, true);
        for (int j = 0; j < 3; j++) {
            // absolute, on the scale of the largest value: where s(1 − s) cancels (|a| ≫ 1) both paths round
            // differently, at the float rounding of the terms, not of the tiny result
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs(s[j][i]));
            }
            for (int i = 0; i < n; i++) {
                assertEquals(s[j][i], v[j][i], 1e-6 * (1 + scale), activation + " derivative " + j + " at " + a[i]);
            }
        }
        if (FloatActivations.VECTOR) {
            assertTrue(n > 16, "the vector path ran on whole vectors");
        }
    }

    @Test
    void theTestsRunTheVectorPath() {
        assertTrue(FloatActivations.VECTOR, "surefire adds jdk.incubator.vector (pom argLine), so the vector loops "
                + "are the ones tested");
    }

    /**
     * Same inputs, same bits, before and after the JIT compiles the activation loops: the Vector API's own {@code EXP}
     * differed in the last bits between its Java fallback and its native intrinsic, which made the same seed train
     * to different bytes from run to run; the exponential of {@link VectorActivations} uses exactly rounded
     * operations only.
     */
    @ParameterizedTest
    @MethodSource("activations")
    void activationsGiveTheSameBitsColdAndCompiled(String activation) {
        ActivationFunction f = ActivationFunction.of(EncoderConfig.defaults().withActivation(activation).dl4jActivation()
                .getActivationFunction());
        int n = 4096;
        float[] a = new float[n];
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextDouble(-30, 30);
        }
        float[][] cold = {new float[n], new float[n], new float[n]};
        FloatActivations.apply(f, a, cold[0], cold[1], cold[2], n, true);
        float[][] warm = {new float[n], new float[n], new float[n]};
        for (int rep = 0; rep < 3000; rep++) {
            FloatActivations.apply(f, a, warm[0], warm[1], warm[2], n, true);
        }
        for (int j = 0; j < 3; j++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(cold[j], warm[j], activation + " derivative " + j);
        }
    }
}
