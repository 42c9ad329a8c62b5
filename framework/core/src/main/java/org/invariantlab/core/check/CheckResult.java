package org.invariantlab.core.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.invariantlab.core.verdict.SetVerdict;
import org.invariantlab.core.verdict.Verdict;

/**
 * What {@code invariantlab check} found: {@code check.json} is this record.
 *
 * @param source     the system id or the data file's name
 * @param variables  the state variables
 * @param heldOut    how many groups (trajectories) the held-out verdicts used
 * @param vectorField whether the system declares its vector field as formulas (then verdicts can be proofs)
 * @param verdicts   one per formula, in the order given
 * @param set        what is known of the formulas together; {@code null} for a single formula
 * @param seconds    wall time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(String source, List<String> variables, @JsonProperty("held_out_groups") int heldOut,
                          @JsonProperty("vector_field") boolean vectorField, List<Verdict> verdicts, SetVerdict set,
                          double seconds) {
    public CheckResult {
        variables = List.copyOf(variables);
        verdicts = List.copyOf(verdicts);
    }
}
