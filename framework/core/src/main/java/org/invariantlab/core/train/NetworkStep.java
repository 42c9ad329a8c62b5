package org.invariantlab.core.train;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * One step of first-order training of a network: its outputs {@code z} for a batch, then the Adam update of its
 * parameters from {@code ∂L/∂z} (Kingma &amp; Ba, ICLR 2015; the rule of {@link ParameterAdam}). Two engines:
 * <ul>
 *   <li>float networks with smooth activations (swish, gelu, sigmoid, tanh, softplus; identity output) run on
 *       {@link FloatJacobianKernel} without its Jacobian — OpenBLAS {@code sgemm} on Java arrays and Vector API
 *       activations, parameters in a double master copy that {@link #sync} writes back into the network;</li>
 *   <li>every other network (double precision, ReLU and the other activations DL4J knows) on {@link DenseKernel}
 *       with ND4J's own Adam, updating the network's parameters in place.</li>
 * </ul>
 * Both apply the same Adam rule with the same constants; the tests check the float engine's gradient against the
 * double reference kernel.
 */
abstract class NetworkStep {

    /** The engine for {@code net} (see the class comment). */
    static NetworkStep of(MultiLayerNetwork net, double learningRate) {
        if (net.params().dataType() == DataType.FLOAT && ActivationFunction.supports(net)) {
            return new Fast(net);
        }
        return new Nd4jStep(net, learningRate);
    }

    /** The outputs ({@code rows × k}, a new array) for the inputs {@code x} ({@code rows × d}, standardised). */
    abstract double[] forward(double[] x, int rows, int k);

    /** Back-propagates {@code ∂L/∂z} of the last forward pass and updates the parameters with rate {@code eta}. */
    abstract void backward(double[] dz, int rows, int k, double eta, int iteration, int epoch);

    /** Makes the network's own parameters current (before it is evaluated or copied). */
    abstract void sync();

    /** The fast engine: single-precision kernel, double master parameters. */
    private static final class Fast extends NetworkStep {
        private final MultiLayerNetwork net;
        private final FloatJacobianKernel kernel;
        private final double[] params;
        private final double[] gradient;
        private final ParameterAdam adam;

        Fast(MultiLayerNetwork net) {
            this.net = net;
            this.kernel = FloatJacobianKernel.of(net, false);
            this.params = JacobianKernel.parameters(net);
            this.gradient = new double[params.length];
            this.adam = new ParameterAdam(params.length);
        }

        @Override
        double[] forward(double[] x, int rows, int k) {
            kernel.forward(params, x, rows);
            return Arrays.copyOf(kernel.outputs(rows), rows * k);
        }

        @Override
        void backward(double[] dz, int rows, int k, double eta, int iteration, int epoch) {
            DenseKernel.flushNegligible(dz, rows * k, DataType.FLOAT);
            kernel.backward(params, dz, null, rows, gradient);
            adam.step(params, gradient, eta);
        }

        @Override
        void sync() {
            net.setParams(Nd4j.create(params, new long[] {1, params.length}, DataType.DOUBLE).castTo(DataType.FLOAT));
        }
    }

    /** DL4J's parameters updated in place by ND4J's Adam, on {@link DenseKernel}. */
    private static final class Nd4jStep extends NetworkStep {
        private final DenseKernel kernel;
        private final Adam adam;
        private final GradientUpdater<?> updater;
        private final INDArray params;
        private final INDArray gradient;
        private final INDArray update;
        private final HostCopy copy = new HostCopy();

        Nd4jStep(MultiLayerNetwork net, double learningRate) {
            kernel = new DenseKernel(net);
            adam = new Adam(learningRate, ParameterAdam.BETA1, ParameterAdam.BETA2, ParameterAdam.EPSILON);
            params = net.params();
            INDArray adamState = Nd4j.zeros(params.dataType(), 1, adam.stateSize(params.length()));
            updater = adam.instantiate(adamState, true);
            gradient = kernel.gradient();
            // after applyUpdater the gradient array holds the Adam update; this view has the shape of params()
            update = gradient.reshape(params.shape());
        }

        @Override
        double[] forward(double[] x, int rows, int k) {
            copy.write(kernel.input(rows), x, rows * kernel.inputs());
            double[] z = new double[rows * k];
            copy.read(kernel.forward(rows), z, rows * k);
            return z;
        }

        @Override
        void backward(double[] dz, int rows, int k, double eta, int iteration, int epoch) {
            DenseKernel.flushNegligible(dz, rows * k, kernel.type());
            copy.write(kernel.outputGradient(rows), dz, rows * k);
            kernel.backward(rows);
            adam.setLearningRate(eta);
            updater.applyUpdater(gradient, iteration, epoch);
            params.subi(update);
        }

        @Override
        void sync() {
            // the kernel updated the network's own parameter views
        }
    }
}
