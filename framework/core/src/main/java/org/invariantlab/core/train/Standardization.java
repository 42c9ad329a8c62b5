package org.invariantlab.core.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Objects;
import org.invariantlab.api.InvariantLabException;

/**
 * Per-input affine standardisation {@code u_j = (x_j − μ_j)/σ_j}, applied before the encoder network and
 * stored with it, so that the network always sees inputs of order one whatever the units of the state.
 *
 * <p>{@link #fit} uses the mean and the population standard deviation of each input over all training
 * states. A column that is constant up to rounding ({@code sd ≤ 10⁻¹²·max(1, |μ|)}) keeps {@code σ = 1}
 * instead of being divided by (almost) zero: it is only centred.
 *
 * <p>By the chain rule, a gradient with respect to the standardised input converts to the raw input as
 * {@code ∂f/∂x_j = (∂f/∂u_j)/σ_j}.
 *
 * @param mean {@code μ}, one entry per input
 * @param std  {@code σ > 0}, one entry per input
 */
public record Standardization(double[] mean, double[] std) {

    /** Relative size below which a column counts as constant. */
    public static final double CONSTANT_COLUMN = 1e-12;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Standardization {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("mean and std need the same positive length, got " + mean.length
                    + " and " + std.length);
        }
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j]) || !Double.isFinite(std[j]) || !(std[j] > 0)) {
                throw new IllegalArgumentException("input " + j + ": need a finite mean and a positive finite std, got "
                        + mean[j] + " and " + std[j]);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** The identity standardisation ({@code μ = 0}, {@code σ = 1}) for {@code d} inputs. */
    public static Standardization identity(int d) {
        double[] ones = new double[d];
        Arrays.fill(ones, 1.0);
        return new Standardization(new double[d], ones);
    }

    /**
     * Fits {@code μ} and {@code σ} over all rows of the given row-major blocks of {@code d}-dimensional states.
     *
     * @throws IllegalArgumentException if a block's length is not a multiple of {@code d}, there are no rows,
     *                                  or a value is not finite
     */
    public static Standardization fit(int d, double[]... blocks) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + d);
        }
        long rows = 0;
        double[] sum = new double[d];
        for (double[] b : blocks) {
            if (b.length % d != 0) {
                throw new IllegalArgumentException("block of " + b.length + " values is not a multiple of d = " + d);
            }
            for (int i = 0; i < b.length; i++) {
                if (!Double.isFinite(b[i])) {
                    throw new IllegalArgumentException("non-finite value " + b[i] + " in input " + (i % d));
                }
                sum[i % d] += b[i];
            }
            rows += b.length / d;
        }
        if (rows == 0) {
            throw new IllegalArgumentException("cannot standardise without states");
        }
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = sum[j] / rows;
        }
        double[] sq = new double[d];
        for (double[] b : blocks) {
            for (int i = 0; i < b.length; i++) {
                double c = b[i] - mean[i % d];
                sq[i % d] += c * c;
            }
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(sq[j] / rows);
            std[j] = sd > CONSTANT_COLUMN * Math.max(1.0, Math.abs(mean[j])) ? sd : 1.0;
        }
        return new Standardization(mean, std);
    }

    /** Number of inputs {@code d}. */
    public int dimension() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** {@code σ_j}, without copying. */
    double std(int j) {
        return std[j];
    }

    /** {@code μ_j}, without copying. */
    double mean(int j) {
        return mean[j];
    }

    /**
     * Standardises row-major states.
     *
     * @param states {@code n·d} values
     * @return a new array {@code (x − μ)/σ}, same layout
     */
    public double[] apply(double[] states) {
        int d = mean.length;
        if (states.length % d != 0) {
            throw new IllegalArgumentException(states.length + " values are not whole states of dimension " + d);
        }
        double[] u = new double[states.length];
        for (int i = 0; i < states.length; i++) {
            int j = i % d;
            u[i] = (states[i] - mean[j]) / std[j];
        }
        return u;
    }

    /**
     * Standardises the first {@code values} entries of {@code states} (whole states) into {@code target}
     * from {@code offset} on, with the arithmetic of {@link #apply} and without allocating.
     */
    void applyInto(double[] states, int values, double[] target, int offset) {
        int d = mean.length;
        for (int i = 0; i < values; i++) {
            int j = i % d;
            target[offset + i] = (states[i] - mean[j]) / std[j];
        }
    }

    /** JSON form {@code {"mean": [...], "std": [...]}}; doubles are written in their shortest exact form. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode m = root.putArray("mean");
        ArrayNode s = root.putArray("std");
        for (int j = 0; j < mean.length; j++) {
            m.add(mean[j]);
            s.add(std[j]);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write standardisation as JSON", e);
        }
    }

    /**
     * Reads the form written by {@link #toJson()}.
     *
     * @param source names the file in messages
     * @throws InvariantLabException if the text is not a valid standardisation
     */
    public static Standardization fromJson(String json, String source) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode m = root == null ? null : root.get("mean");
            JsonNode s = root == null ? null : root.get("std");
            if (m == null || s == null || !m.isArray() || !s.isArray()) {
                throw new InvariantLabException(source + ": expected an object with arrays 'mean' and 'std'");
            }
            double[] mean = new double[m.size()];
            double[] std = new double[s.size()];
            for (int j = 0; j < mean.length; j++) {
                if (!m.get(j).isNumber()) {
                    throw new InvariantLabException(source + ": mean[" + j + "] is not a number");
                }
                mean[j] = m.get(j).doubleValue();
            }
            for (int j = 0; j < std.length; j++) {
                if (!s.get(j).isNumber()) {
                    throw new InvariantLabException(source + ": std[" + j + "] is not a number");
                }
                std[j] = s.get(j).doubleValue();
            }
            return new Standardization(mean, std);
        } catch (JsonProcessingException e) {
            throw new InvariantLabException(source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new InvariantLabException(source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization s && Arrays.equals(s.mean, mean) && Arrays.equals(s.std, std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Standardization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }

    /**
     * The chain rule through {@code u = (x − μ)/σ} for gradients laid out {@code count × d}: {@code ∂f/∂x_i =
     * (∂f/∂u_i)/σ_i}, and back, {@code ∂L/∂(∂f/∂u_i) = ∂L/∂(∂f/∂x_i)/σ_i} — the same division both ways. Writes the
     * first {@code count·d} values of {@code in} divided by {@code std} into {@code out} and returns it.
     */
    static double[] perStd(double[] in, int count, double[] std, double[] out) {
        int d = std.length;
        for (int rr = 0; rr < count; rr++) {
            for (int i = 0; i < d; i++) {
                out[rr * d + i] = in[rr * d + i] / std[i];
            }
        }
        return out;
    }
}
