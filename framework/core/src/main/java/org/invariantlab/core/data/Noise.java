package org.invariantlab.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.invariantlab.api.data.RaggedGroups;

/**
 * Measurement noise: independent Gaussian noise on every value, with standard deviation
 * {@code sigma × s_v} for variable {@code v}, where {@code s_v} is the standard deviation of {@code v} over all
 * states of all groups. Relative noise keeps its meaning whatever the units of each variable. Times and group ids
 * are kept. The noise is drawn from {@link Random#nextGaussian()} seeded by {@code seed}, group by group, state by
 * state, variable by variable, so a seed gives the same noisy data.
 */
public final class Noise {

    private Noise() {
    }

    /**
     * {@code groups} with relative Gaussian noise {@code sigma}; {@code sigma = 0} returns {@code groups} itself.
     *
     * @throws IllegalArgumentException if {@code sigma} is negative or not finite
     */
    public static RaggedGroups add(RaggedGroups groups, double sigma, long seed) {
        Objects.requireNonNull(groups, "groups");
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("noise sigma must be a finite number ≥ 0, got " + sigma);
        }
        if (sigma == 0) {
            return groups;
        }
        double[] scale = spread(groups);
        for (int v = 0; v < scale.length; v++) {
            scale[v] *= sigma;
        }
        int d = groups.dimension();
        Random random = new Random(seed);
        List<double[]> noisy = new ArrayList<>(groups.groupCount());
        for (double[] values : groups.values()) {
            for (int i = 0; i < values.length; i++) {
                values[i] += scale[i % d] * random.nextGaussian();
            }
            noisy.add(values);
        }
        return groups.withValues(noisy);
    }

    /** The standard deviation of each variable over all states (population, divided by the count). */
    public static double[] spread(RaggedGroups groups) {
        int d = groups.dimension();
        double[] mean = new double[d];
        double[] m2 = new double[d];
        long n = 0;
        for (int g = 0; g < groups.groupCount(); g++) {
            double[] values = groups.values(g);
            for (int i = 0; i < values.length; i += d) {
                n++;
                for (int v = 0; v < d; v++) {
                    double delta = values[i + v] - mean[v];
                    mean[v] += delta / n;
                    m2[v] += delta * (values[i + v] - mean[v]);
                }
            }
        }
        double[] sd = new double[d];
        for (int v = 0; v < d; v++) {
            sd[v] = Math.sqrt(m2[v] / n);
        }
        return sd;
    }
}
