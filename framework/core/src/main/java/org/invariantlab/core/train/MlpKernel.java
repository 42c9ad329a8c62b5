package org.invariantlab.core.train;

/**
 * A dense MLP's forward pass, its input Jacobian, and the parameter gradient of a loss on both, on flat arrays in
 * DL4J's parameter layout ({@code params()}: per layer {@code W} in 'f' order, then {@code b}). The trainers talk to
 * it in double precision; {@link JacobianKernel} computes in double (the reference, checked against central
 * differences), {@link FloatJacobianKernel} in single precision (the fast path, checked against the reference).
 * Not thread-safe; the returned arrays are live buffers valid until the next call.
 */
interface MlpKernel {

    /** Input size {@code d}. */
    int inputs();

    /** Number of outputs {@code k}. */
    int outputs();

    /** Number of parameters. */
    int parameterCount();

    /** Runs the network on {@code rows} inputs ({@code rows × d}, row-major), and its Jacobian if this kernel has one. */
    void forward(double[] params, double[] xs, int rows);

    /** The outputs ({@code rows × k}) of the last {@link #forward}. */
    double[] outputs(int rows);

    /** The Jacobian ({@code rows × k × d}, index {@code (row·k + o)·d + i}) of the last {@link #forward}. */
    double[] jacobian(int rows);

    /**
     * Writes {@code ∂L/∂θ} (overwritten) for upstream gradients {@code ∂L/∂z} ({@code rows × k}) and {@code ∂L/∂J}
     * (the layout of {@link #jacobian}; {@code null} for a loss on the outputs only).
     */
    void backward(double[] params, double[] outputGradient, double[] jacobianGradient, int rows, double[] gradient);
}
