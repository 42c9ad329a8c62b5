package org.invariantlab.plugins.kepler;

import org.invariantlab.api.system.VectorField;

/**
 * Classical fourth-order Runge–Kutta integration of {@code dx/dt = h(x)} with a fixed step, an independent
 * numerical reference for the closed-form Kepler solution. Global error {@code O(Δt⁴)} (E. Hairer,
 * S. P. Nørsett, G. Wanner, <i>Solving Ordinary Differential Equations I</i>, §II.1, Springer, 1993).
 */
final class Rk4 {

    private Rk4() {
    }

    /** The state after time {@code duration}, reached in {@code steps} equal steps from {@code start}. */
    static double[] integrate(VectorField h, double[] start, double duration, int steps) {
        double dt = duration / steps;
        double[] x = start.clone();
        int d = x.length;
        double[] tmp = new double[d];
        for (int s = 0; s < steps; s++) {
            double[] k1 = h.at(x);
            for (int i = 0; i < d; i++) {
                tmp[i] = x[i] + 0.5 * dt * k1[i];
            }
            double[] k2 = h.at(tmp);
            for (int i = 0; i < d; i++) {
                tmp[i] = x[i] + 0.5 * dt * k2[i];
            }
            double[] k3 = h.at(tmp);
            for (int i = 0; i < d; i++) {
                tmp[i] = x[i] + dt * k3[i];
            }
            double[] k4 = h.at(tmp);
            for (int i = 0; i < d; i++) {
                x[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return x;
    }

    /** Largest componentwise difference. */
    static double maxDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
