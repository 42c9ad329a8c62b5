package org.invariantlab.api.training;

import org.invariantlab.api.LabExtension;
import org.invariantlab.api.param.Parameters;

/**
 * Extension point for a penalty that keeps {@code k} learned invariants from collapsing onto one function.
 * It sees input gradients {@code ∇_x f_j} and returns the gradient of the penalty with respect to them; the
 * trainer carries that back to the weights (through an analytic MLP Jacobian or central differences).
 *
 * <p>Examples: gradient orthogonality {@code λ·mean_{i≠j} (ĝ_i·ĝ_j)²} with {@code ĝ = ∇f/|∇f|} (Liu,
 * Madhavan, Tegmark, "AI Poincaré 2.0", PRE 106, 045307, 2022); neural deflation (Zhu, Zhang, Kevrekidis,
 * PRE 108, L022301, 2023), which trains networks one after another with a {@link Schedule#SEQUENTIAL}
 * schedule and divides by {@code ‖(I − QQᵀ)ĝ_k‖^{2α}}.
 */
public interface GradientLoss extends LabExtension {

    /** Whether the outputs train jointly or one after another. */
    default StagePlan stagePlan(Parameters parameters) {
        return StagePlan.JOINT;
    }

    /** The penalty on one batch of input gradients. */
    Penalty evaluate(GradientBatch batch, Parameters parameters);
}
