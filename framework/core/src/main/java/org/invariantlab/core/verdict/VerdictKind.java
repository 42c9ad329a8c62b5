package org.invariantlab.core.verdict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What is known of a formula's conservation, strongest first; the one home of these words. */
public enum VerdictKind {

    /** The system declares its vector field {@code h} as formulas, and {@code ∇F·h = 0} identically. */
    PROVEN("proven"),

    /** The system declares its true invariants, and the formula is a function of them. */
    EXACT("exact"),

    /**
     * No field and no truth decide it, but along groups (or trajectories) the reader never saw the formula spreads
     * far less than a function that is not conserved.
     */
    CONSERVED_ON_HELD_OUT_DATA("conserved on held-out data"),

    /** Shown not conserved: a non-zero Lie derivative, or a spread on held-out data like a generic function's. */
    NOT_CONSERVED("not conserved"),

    /** Nothing could be decided (no field, no truth, no held-out groups with states to compare). */
    UNDECIDED("undecided");

    private final String word;

    VerdictKind(String word) {
        this.word = word;
    }

    /** The verdict in words, as written in results. */
    @JsonValue
    public String word() {
        return word;
    }

    /** The kind written as {@code word}. */
    @JsonCreator
    public static VerdictKind of(String word) {
        return Arrays.stream(values()).filter(v -> v.word.equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown verdict '" + word + "'"));
    }

    /** Whether the formula is conserved (proven, exact or on held-out data). */
    public boolean conserved() {
        return this == PROVEN || this == EXACT || this == CONSERVED_ON_HELD_OUT_DATA;
    }

    @Override
    public String toString() {
        return word;
    }
}
