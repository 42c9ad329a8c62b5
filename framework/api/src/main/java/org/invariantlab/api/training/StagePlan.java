package org.invariantlab.api.training;

/** How several learned invariants are trained. */
public enum StagePlan {
    /** All {@code k} outputs train together, penalised jointly (gradient orthogonality). */
    JOINT,
    /** One network after another, earlier ones frozen (neural deflation). */
    SEQUENTIAL
}
