package org.invariantlab.core.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What is known of several formulas together (methods.md §11): whether they are functionally independent (the rank
 * of their gradients at random points equals their number) and, on a canonical phase space, whether they are in
 * involution (every pairwise Poisson bracket is 0).
 *
 * @param formulas    how many formulas
 * @param rank        the rank of their gradients (the most frequent over the points)
 * @param independent whether the rank equals their number
 * @param involution  whether every pairwise bracket vanishes; {@code null} without a canonical layout
 * @param evidence    how both were decided, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetVerdict(int formulas, int rank, boolean independent,
                         @JsonProperty("in_involution") Boolean involution, String evidence) {

    /** "independent, in involution (…)". */
    public String describe() {
        return (independent ? "independent" : "not independent (rank " + rank + " of " + formulas + ")")
                + (involution == null ? "" : involution ? ", in involution" : ", not in involution") + " (" + evidence
                + ")";
    }
}
