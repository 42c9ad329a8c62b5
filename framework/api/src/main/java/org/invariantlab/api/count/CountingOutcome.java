package org.invariantlab.api.count;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link CountingMethod} found.
 *
 * @param independent  the number of independent conserved quantities
 * @param inInvolution the number among them in involution, or -1 when the method does not count it (no canonical
 *                     layout, or not this method's question)
 * @param quantities   {@code independent} functions, functionally independent, that the count rests on; or none, for
 *                     a method that counts without functions (e.g. from the dimension of the set a trajectory fills)
 * @param spectrum     the numbers the rule was applied to (e.g. normalised Lie derivatives of the library's
 *                     combinations, smallest first), for plots and the record
 * @param threshold    the rule's threshold on {@code spectrum}
 * @param rule         the rule and its numbers in one sentence, e.g. "4 of 69 library combinations have a
 *                     normalised Lie derivative below 2.1e-10 (next 3.4e-3); their functional rank is 3"
 * @param warnings     what makes the count uncertain, in words (empty when nothing does)
 */
public record CountingOutcome(int independent, int inInvolution, List<CountedQuantity> quantities, double[] spectrum,
                              double threshold, String rule, List<String> warnings) {

    public CountingOutcome {
        quantities = List.copyOf(Objects.requireNonNull(quantities, "quantities"));
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
        Objects.requireNonNull(rule, "rule");
        spectrum = spectrum.clone();
        if (independent < 0 || (quantities.size() != independent && !quantities.isEmpty())) {
            throw new IllegalArgumentException("a count of " + independent + " needs as many quantities (or none), got "
                    + quantities.size());
        }
        if (inInvolution < -1 || inInvolution > independent) {
            throw new IllegalArgumentException("the count in involution must be -1 or between 0 and " + independent);
        }
    }

    @Override
    public double[] spectrum() {
        return spectrum.clone();
    }
}
