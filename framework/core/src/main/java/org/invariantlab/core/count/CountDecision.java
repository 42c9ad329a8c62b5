package org.invariantlab.core.count;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The independent count decided from all the evidence of a count: every method's number, and the formulas that
 * prove part of it. One rule, in this order:
 * <ol>
 *   <li><b>certified</b> — the largest count any method made is backed by that method's formulas: each conserved by
 *       its verdict (proven by its Lie derivative, exact, or conserved on held-out trajectories) and their gradients
 *       of that rank. A proven formula is certain evidence that the quantity exists, and no method saw more: the count
 *       is that number, however many methods counted fewer (a method that counted fewer missed some).</li>
 *   <li><b>agreed</b> — two or more methods made the same count, and none made another; nothing proves it, but
 *       independent methods (a joint network, networks in sequence, a library nullspace) arrive at it.</li>
 *   <li><b>uncertain</b> — otherwise: methods disagree and the largest count is not proven, or a single method counted
 *       without formulas that back it. The number reported is then the most trusted method's (deflation without the
 *       bracket, then svd, then a plugin's), and the range {@code [atLeast, atMost]} says what the evidence allows: at
 *       least the largest proven count (and the smallest method count), at most the largest method count.</li>
 * </ol>
 * A count of 0 needs no formula: a method that found nothing conserved backs its 0.
 *
 * @param independent the count reported
 * @param status      {@code certified}, {@code agreed} or {@code uncertain}
 * @param atLeast     what the evidence certainly allows as a lower bound
 * @param atMost      the largest count any method made
 * @param reason      the decision in one sentence, with the numbers
 */
public record CountDecision(int independent, String status, int atLeast, int atMost, String reason) {

    /** The count is certain: the largest method count is proven by its formulas. */
    public static final String CERTIFIED = "certified";
    /** Several methods agree, nothing disagrees. */
    public static final String AGREED = "agreed";
    /** The evidence does not settle the count. */
    public static final String UNCERTAIN = "uncertain";

    /**
     * One method's independent count and whether its formulas back it.
     *
     * @param method    its name
     * @param count     its count
     * @param certified the exact rank of its formulas when all are conserved by their verdicts, 1 when only some are,
     *                  0 when none is ({@link CountResult#certified()} per method)
     */
    public record Evidence(String method, int count, int certified) {

        boolean backed() {
            return count == 0 || certified >= count;
        }
    }

    /** Whether the count may be taken as the answer. */
    public boolean confident() {
        return !status.equals(UNCERTAIN);
    }

    /**
     * The decision from the methods' evidence, the most trusted method first.
     *
     * @return {@code null} when no method counted
     */
    public static CountDecision of(List<Evidence> methods) {
        if (methods.isEmpty()) {
            return null;
        }
        int most = methods.stream().mapToInt(Evidence::count).max().orElseThrow();
        int least = methods.stream().mapToInt(Evidence::count).min().orElseThrow();
        int proven = methods.stream().mapToInt(e -> Math.min(e.certified(), e.count())).max().orElse(0);
        List<String> said = new ArrayList<>();
        for (Evidence e : methods) {
            said.add(String.format(Locale.ROOT, "%s %d%s", e.method(), e.count(), e.count() == 0 ? ""
                    : e.backed() ? " (backed by its formulas)" : e.certified() > 0
                    ? " (" + e.certified() + " backed)" : " (no formula conserved)"));
        }
        String all = String.join(", ", said);
        Evidence best = methods.stream().filter(e -> e.count() == most && e.backed()).findFirst().orElse(null);
        if (best != null && most > 0) {
            return new CountDecision(most, CERTIFIED, most, most, String.format(Locale.ROOT, "%d, certified: %s's "
                    + "formulas are %d independent quantities, each conserved by its verdict, and no method counted "
                    + "more (%s)", most, best.method(), most, all));
        }
        if (least == most && (methods.size() > 1 || best != null)) {
            return new CountDecision(most, AGREED, most, most, methods.size() > 1 ? String.format(Locale.ROOT,
                    "%d, agreed by %d methods (%s)", most, methods.size(), all) : String.format(Locale.ROOT,
                    "%d: nothing conserved was found (%s)", most, all));
        }
        int reported = methods.get(0).count();
        int lower = Math.max(proven, least);
        return new CountDecision(reported, UNCERTAIN, lower, most, methods.size() > 1 && least != most
                ? String.format(Locale.ROOT, "uncertain, between %d and %d: the methods disagree (%s); the number "
                + "given is %s's", lower, most, all, methods.get(0).method())
                : String.format(Locale.ROOT, "uncertain: %s counted %d, but its formulas do not back it (%s)",
                methods.get(0).method(), reported, all));
    }
}
