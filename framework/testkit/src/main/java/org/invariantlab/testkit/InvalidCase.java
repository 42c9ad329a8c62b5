package org.invariantlab.testkit;

import java.util.Map;
import java.util.Objects;

/**
 * A parameter set that a system must refuse, and the parameter the refusal must name.
 *
 * <p>{@link PhysicalSystemContract} applies {@code overrides} on top of the subclass's
 * {@link PhysicalSystemContract#parameterOverrides() parameter overrides}, resolves them with
 * {@link org.invariantlab.api.param.Parameters#resolve} and configures the system; one of the two steps must
 * throw an {@link org.invariantlab.api.param.InvalidParameterException} whose
 * {@link org.invariantlab.api.param.InvalidParameterException#parameter() parameter()} is
 * {@code expectedParameter} and whose message mentions it.
 *
 * @param overrides         parameter name to text, as a user would type it
 * @param expectedParameter the parameter the exception must name
 */
public record InvalidCase(Map<String, String> overrides, String expectedParameter) {

    public InvalidCase {
        overrides = Map.copyOf(Objects.requireNonNull(overrides, "overrides"));
        Objects.requireNonNull(expectedParameter, "expectedParameter");
        if (expectedParameter.isBlank()) {
            throw new IllegalArgumentException("expectedParameter must not be blank");
        }
    }

    /** A case with a single override {@code name=value} that must be refused naming {@code expectedParameter}. */
    public static InvalidCase of(String name, String value, String expectedParameter) {
        return new InvalidCase(Map.of(name, value), expectedParameter);
    }

    /** A case with a single override {@code name=value} that must be refused naming {@code name} itself. */
    public static InvalidCase of(String name, String value) {
        return of(name, value, name);
    }

    @Override
    public String toString() {
        return overrides + " must be refused naming '" + expectedParameter + "'";
    }
}
