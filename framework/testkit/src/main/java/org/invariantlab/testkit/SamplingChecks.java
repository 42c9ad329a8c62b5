package org.invariantlab.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.SystemModel;
import org.junit.jupiter.api.function.Executable;

/**
 * Assertions on sampled data for plugin tests that go beyond {@link PhysicalSystemContract}, for properties
 * that several systems share but the API does not promise: states confined to a box, invariants measured
 * against the scale of a group, prefix-stable sampling, refusals of a model's own rejection limits.
 */
public final class SamplingChecks {

    /** A box counts as used when the largest {@code |value|} exceeds this fraction of its half-width. */
    public static final double BOX_FILL = 0.99;

    private SamplingChecks() {
    }

    /**
     * Asserts that every value of {@code data} lies in {@code [−b, b]} and that the box is actually used: the
     * largest {@code |value|} exceeds {@value #BOX_FILL}{@code ·b}.
     *
     * @return the largest {@code |value|}
     */
    public static double assertFillsBox(GroupedData data, double halfWidth) {
        double largest = Arrays.stream(data.values()).map(Math::abs).max().orElseThrow();
        assertTrue(largest <= halfWidth, "a value " + largest + " leaves the box [-" + halfWidth + ", " + halfWidth + "]");
        assertTrue(largest > BOX_FILL * halfWidth, "largest |value| " + largest + " does not reach " + BOX_FILL
                + " of the half-width " + halfWidth);
        return largest;
    }

    /**
     * The largest within-group change of {@code invariant} relative to the group's scale,
     * <pre>
     *   max_g max_{m ≥ 1} |I(x_gm) − I(x_g0)| / max_m |x_gm|²,
     * </pre>
     * the natural measure for an invariant quadratic in the state (an interval, {@code E·B}), whose rounding
     * error grows with {@code |x|²} and not with {@code |I|}.
     */
    public static double maxDriftRelativeToSquaredNorm(GroupedData data, ScalarField invariant) {
        Objects.requireNonNull(invariant, "invariant");
        double worst = 0;
        for (int g = 0; g < data.groups(); g++) {
            double ref = invariant.value(data.state(g, 0));
            double scale = 0;
            for (int m = 0; m < data.perGroup(); m++) {
                scale = Math.max(scale, squaredNorm(data.state(g, m)));
            }
            for (int m = 1; m < data.perGroup(); m++) {
                worst = Math.max(worst, Math.abs(invariant.value(data.state(g, m)) - ref) / scale);
            }
        }
        return worst;
    }

    /** The squared Euclidean norm {@code Σ x_i²}. */
    public static double squaredNorm(double[] x) {
        double s = 0;
        for (double c : x) {
            s += c * c;
        }
        return s;
    }

    /**
     * Asserts that sampling {@code request} is reproducible and prefix-stable: two separately configured
     * models give equal data, the seed {@code request.seed() + 1} gives different data, and the first
     * {@code prefixGroups} groups are bit for bit the data of a request for only that many groups.
     *
     * @param configure    configures a fresh model of the variant under test
     * @param request      the request to draw
     * @param prefixGroups number of leading groups to compare, {@code 1 ≤ prefixGroups ≤ request.groups()}
     */
    public static void assertReproducibleAndPrefixStable(Supplier<SystemModel> configure, SamplingRequest request,
                                                         int prefixGroups) {
        if (prefixGroups < 1 || prefixGroups > request.groups()) {
            throw new IllegalArgumentException("prefixGroups must be in [1, " + request.groups() + "], got " + prefixGroups);
        }
        SystemModel model = configure.get();
        GroupedData a = model.sample(request);
        assertEquals(a, configure.get().sample(request), "two models configured alike differ for " + request);
        assertNotEquals(a, model.sample(new SamplingRequest(request.groups(), request.perGroup(), request.seed() + 1)),
                "seeds " + request.seed() + " and " + (request.seed() + 1) + " gave identical data");
        GroupedData prefix = model.sample(new SamplingRequest(prefixGroups, request.perGroup(), request.seed()));
        assertArrayEquals(prefix.values(), Arrays.copyOf(a.values(), prefixGroups * request.perGroup() * a.dimension()),
                "the first " + prefixGroups + " groups depend on how many groups follow");
    }

    /**
     * Asserts that {@code action} throws an {@link InvalidParameterException} that names {@code parameter}, both
     * as {@link InvalidParameterException#parameter()} and in its message.
     *
     * @return the exception
     */
    public static InvalidParameterException assertRefusalNames(String parameter, Executable action) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, action,
                "expected a refusal naming '" + parameter + "'");
        assertEquals(parameter, e.parameter(), "parameter named by the refusal; message: " + e.getMessage());
        assertTrue(String.valueOf(e.getMessage()).contains(parameter), "the refusal does not mention '" + parameter
                + "' in its message: " + e.getMessage());
        return e;
    }
}
