package org.invariantlab.core.run;

import java.util.Arrays;

/**
 * How a run ended, written as {@code status} into {@code metrics.json}; the one home of these values.
 * See {@link LearningVerdict} for the rule that decides between them.
 */
public enum RunStatus {

    /** Training went through (or stopped by its patience) and the network learned something. */
    COMPLETED("completed"),

    /** Training stopped on a non-finite or astronomically large loss; the best model before that was learned. */
    DIVERGED("diverged"),

    /** The network learned nothing: its test accuracy is indistinguishable from chance. */
    FAILED_TO_LEARN("failed_to_learn"),

    /**
     * The network tells pairs apart better than chance, but by a shortcut: every formula read from it is shown not
     * conserved (a non-zero Lie derivative, or a spread along held-out groups like a generic function's), so it is
     * not an invariant of the data (Wetzel's Lorentz network that learned {@code t}).
     */
    SHORTCUT("shortcut");

    private final String id;

    RunStatus(String id) {
        this.id = id;
    }

    /** The value in {@code metrics.json}. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return id;
    }

    /** The status written as {@code id}. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static RunStatus of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown run status '" + id + "'"));
    }

    @Override
    public String toString() {
        return id;
    }
}
