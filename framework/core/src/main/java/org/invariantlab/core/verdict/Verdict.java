package org.invariantlab.core.verdict;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * A formula's verdict with its evidence.
 *
 * @param formula  the formula judged (Symja syntax)
 * @param kind     what is known
 * @param evidence how it was decided, in words (e.g. "the Lie derivative ∇F·h simplifies to 0")
 * @param functionOf for {@link VerdictKind#EXACT}: the declared invariants it is a function of; empty otherwise
 */
public record Verdict(String formula, @JsonProperty("verdict") VerdictKind kind, String evidence,
                      @JsonProperty("function_of") List<String> functionOf) {

    public Verdict {
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(evidence, "evidence");
        functionOf = List.copyOf(functionOf);
    }

    /** A verdict that names no invariants. */
    public static Verdict of(String formula, VerdictKind kind, String evidence) {
        return new Verdict(formula, kind, evidence, List.of());
    }

    /** "proven (the Lie derivative …)". */
    public String describe() {
        return kind.word() + (functionOf.isEmpty() ? "" : ": a function of " + String.join(", ", functionOf)) + " ("
                + evidence + ")";
    }
}
