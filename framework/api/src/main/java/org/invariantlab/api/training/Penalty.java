package org.invariantlab.api.training;

import java.util.Objects;

/**
 * An {@link GradientLoss} value and its gradient with respect to the trainable input gradients.
 *
 * @param value            the penalty (already weighted)
 * @param jacobianGradient {@code ∂penalty/∂J}, same shape as {@link GradientBatch#jacobian()}
 */
public record Penalty(double value, double[] jacobianGradient) {

    public Penalty {
        Objects.requireNonNull(jacobianGradient, "jacobianGradient");
        jacobianGradient = jacobianGradient.clone();
    }

    @Override
    public double[] jacobianGradient() {
        return jacobianGradient.clone();
    }
}
