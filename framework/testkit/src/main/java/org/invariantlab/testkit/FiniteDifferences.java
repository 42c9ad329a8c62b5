package org.invariantlab.testkit;

import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.invariantlab.api.system.ScalarField;

/**
 * Central-difference gradients, for checking analytic gradients.
 *
 * <p>Component {@code i} of the gradient is approximated by
 * {@code ∂f/∂x_i ≈ (f(x + h_i e_i) − f(x − h_i e_i)) / (2 h_i)} with a step scaled to the state,
 * {@code h_i = ρ·max(1, |x_i|)}. The truncation error is {@code h_i²·|∂³f/∂x_i³|/6} and the rounding error
 * about {@code ε·|f|/h_i} ({@code ε ≈ 1.1e-16}); the default {@code ρ = 1e-6} is close to the optimum
 * {@code ε^{1/3} ≈ 5e-6} and gives about ten correct digits for smooth, well-scaled functions. The step is
 * rounded so that {@code x_i ± h_i} are exactly representable distances from {@code x_i}, which removes one
 * source of rounding error (see W. H. Press et al., <i>Numerical Recipes</i>, 3rd ed., §5.7, Cambridge
 * University Press, 2007).
 */
public final class FiniteDifferences {

    /** Default relative step {@code ρ}: near {@code ε^{1/3}}, the optimum for central differences. */
    public static final double DEFAULT_RELATIVE_STEP = 1e-6;

    private FiniteDifferences() {
    }

    /** Central-difference gradient of {@code f} at {@code x} with the default relative step. */
    public static double[] gradient(ScalarField f, double[] x) {
        Objects.requireNonNull(f, "f");
        return gradient(f::value, x, DEFAULT_RELATIVE_STEP);
    }

    /**
     * Central-difference gradient of {@code f} at {@code x}.
     *
     * @param f            the function; it receives a fresh array and may not keep it
     * @param x            the point; not modified
     * @param relativeStep {@code ρ > 0}; the step for component {@code i} is {@code ρ·max(1, |x_i|)}
     */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double relativeStep) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(x, "x");
        if (!(relativeStep > 0) || !Double.isFinite(relativeStep)) {
            throw new IllegalArgumentException("relative step must be positive and finite, got " + relativeStep);
        }
        double[] g = new double[x.length];
        double[] probe = x.clone();
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double h = step(xi, relativeStep);
            probe[i] = xi + h;
            double up = f.applyAsDouble(probe.clone());
            probe[i] = xi - h;
            double down = f.applyAsDouble(probe.clone());
            probe[i] = xi;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    /**
     * The step used for a component of value {@code xi}: {@code ρ·max(1, |xi|)}, adjusted so that
     * {@code (xi + h) − xi == h} holds exactly in floating point.
     */
    public static double step(double xi, double relativeStep) {
        double h = relativeStep * Math.max(1.0, Math.abs(xi));
        double shifted = xi + h;
        return shifted - xi;
    }
}
