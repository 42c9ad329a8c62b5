package org.invariantlab.api.training;

import java.util.Objects;
import java.util.Optional;
import org.invariantlab.api.system.CanonicalLayout;

/**
 * Input gradients of the learned invariants on a batch of states, for an {@link GradientLoss}.
 * All arrays are row-major and copied in and out.
 *
 * @param rows           number of states {@code n}
 * @param dimension      state dimension {@code d}
 * @param outputs        number of trainable outputs {@code k}
 * @param states         {@code n·d} states
 * @param jacobian       {@code n·k·d}: {@code ∂f_j/∂x_i} at each state
 * @param frozenOutputs  number {@code j} of earlier, frozen invariants (sequential schedules), else 0
 * @param frozenJacobian {@code n·j·d} gradients of the frozen invariants
 * @param vectorField    {@code n·d} values of {@code h(x)}, or empty when the system has none
 * @param canonical      canonical layout for Poisson brackets, if the system has one
 */
public record GradientBatch(int rows, int dimension, int outputs, double[] states, double[] jacobian,
                            int frozenOutputs, double[] frozenJacobian, double[] vectorField,
                            Optional<CanonicalLayout> canonical) {

    public GradientBatch {
        Objects.requireNonNull(canonical, "canonical");
        if (rows < 1 || dimension < 1 || outputs < 1 || frozenOutputs < 0) {
            throw new IllegalArgumentException("invalid gradient batch shape");
        }
        check("states", states, (long) rows * dimension);
        check("jacobian", jacobian, (long) rows * outputs * dimension);
        check("frozenJacobian", frozenJacobian, (long) rows * frozenOutputs * dimension);
        if (vectorField.length != 0) {
            check("vectorField", vectorField, (long) rows * dimension);
        }
        states = states.clone();
        jacobian = jacobian.clone();
        frozenJacobian = frozenJacobian.clone();
        vectorField = vectorField.clone();
    }

    private static void check(String name, double[] a, long expected) {
        Objects.requireNonNull(a, name);
        if (a.length != expected) {
            throw new IllegalArgumentException(name + ": expected " + expected + " values, got " + a.length);
        }
    }

    @Override
    public double[] states() {
        return states.clone();
    }

    @Override
    public double[] jacobian() {
        return jacobian.clone();
    }

    @Override
    public double[] frozenJacobian() {
        return frozenJacobian.clone();
    }

    @Override
    public double[] vectorField() {
        return vectorField.clone();
    }
}
