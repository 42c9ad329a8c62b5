package org.invariantlab.core.count;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The independent count decided from all the evidence of a count: every method's number, the formulas that prove part
 * of it, and which methods can say that there are no more.
 *
 * <p>Two kinds of evidence. A <em>lower bound</em> is certain when it is proven: a method whose formulas are each
 * conserved by their verdict (proven by the Lie derivative, exact, or conserved on held-out trajectories) with
 * gradients of that rank <em>backs</em> its count — at least that many quantities exist. An <em>upper bound</em> comes
 * from a method that looked for more and found none: deflation whose first failing stage failed clearly and had
 * finished learning ({@link CountResult#bounds}), the orbit dimension without warnings — where the data carry
 * directions of motion the orbit dimension is an upper bound only and claims no count ({@link OrbitDimension}: any
 * flow has {@code n ≤ d − D}, the equality needs generic orbits), so the agreement below is among the other
 * methods. svd never bounds (it
 * undercounts when its outputs fail the trajectory check), nor does the library nullspace (an invariant outside its
 * library is invisible to it).
 * And a flow that moves has at most {@code d − 1} independent conserved quantities (their gradients are all
 * perpendicular to it). The rule:
 * <ol>
 *   <li><b>certified</b> — a backed count {@code N > 0} that is {@code d − 1}, or that equals the tightest bound:
 *       proven at least {@code N}, and no more found by a method that looked (each bound holds by itself, so the
 *       smallest does; a bound below a proof is refuted by the proof and set aside; an unbacked claim above the
 *       tightest bound is set aside too, and named).</li>
 *   <li><b>agreed</b> — nothing proven beyond 0, but every method made the same count and the tightest bound equals
 *       it; or every one of several methods found nothing conserved (the negative control).</li>
 *   <li><b>uncertain</b> — anything else, with the range the evidence allows: at least the largest backed count, at most
 *       the largest count of a method or bound, or {@code d − 1} when no method bounds it (without a proof that meets a
 *       bound, a bound below another method's count leaves both possible). The number reported is then the most
 *       trusted method's (deflation without the bracket, then svd, then a plugin's), raised to the proven count and
 *       cut to the tightest trusted bound.</li>
 * </ol>
 *
 * @param independent the count reported
 * @param status      {@code certified}, {@code agreed} or {@code uncertain}
 * @param atLeast     what the evidence certainly allows as a lower bound
 * @param atMost      what the evidence allows as an upper bound
 * @param reason      the decision in one sentence, with the numbers
 */
public record CountDecision(int independent, String status,
                            @JsonProperty("at_least") int atLeast,
                            @JsonProperty("at_most") int atMost, String reason) {

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
     * @param withoutFormulas the method counts without functions (the orbit dimension), so it never backs a count
     * @param bounds    the method looked for more and found none: its count is an upper bound (see the class comment)
     * @param boundOnly the count is an upper bound and claims nothing (the orbit dimension where other methods see the
     *                  directions of motion: {@code n ≤ d − D} for any flow, the equality only for generic orbits)
     */
    public record Evidence(String method, int count, int certified, boolean withoutFormulas, boolean bounds,
                           boolean boundOnly) {

        /** Evidence of a method that reads its counted quantities as formulas and bounds nothing. */
        public Evidence(String method, int count, int certified) {
            this(method, count, certified, false, false, false);
        }

        /** Evidence that claims its count. */
        public Evidence(String method, int count, int certified, boolean withoutFormulas, boolean bounds) {
            this(method, count, certified, withoutFormulas, bounds, false);
        }

        boolean backed() {
            return count == 0 || certified >= count;
        }
    }

    /** Whether the count may be taken as the answer. */
    public boolean confident() {
        return !status.equals(UNCERTAIN);
    }

    /**
     * The decision from the methods' evidence, the most trusted method first, for a state of dimension {@code d}.
     *
     * @return {@code null} when no method counted
     */
    public static CountDecision of(List<Evidence> methods, int d) {
        return of(methods, d, false);
    }

    /**
     * As {@link #of(List, int)}; with {@code blind} the directions of motion were too noisy for the methods that use
     * them (a conserved function's loss within a factor 3 of a moving one's): their counts then neither bound nor agree
     * — a 0 from them means they could not tell — and only proofs (a formula proven or conserved on held-out
     * trajectories does not depend on the directions) and the orbit dimension's bound decide.
     */
    public static CountDecision of(List<Evidence> methods, int d, boolean blind) {
        if (methods.isEmpty()) {
            return null;
        }
        List<Evidence> claims = methods.stream().filter(e -> !e.boundOnly()).toList();
        if (claims.isEmpty()) {
            claims = methods;
        }
        int most = claims.stream().mapToInt(Evidence::count).max().orElseThrow();
        int least = claims.stream().mapToInt(Evidence::count).min().orElseThrow();
        int proven = claims.stream().filter(Evidence::backed).mapToInt(Evidence::count).max().orElse(0);
        int maximum = Math.max(0, d - 1);
        List<Integer> bounds = methods.stream().filter(e -> e.bounds() && (!blind || e.boundOnly()))
                .map(Evidence::count).filter(c -> c >= proven).toList();
        List<String> said = new ArrayList<>();
        for (Evidence e : methods) {
            List<String> notes = new ArrayList<>();
            if (e.boundOnly()) {
                notes.add(e.bounds() ? (e.count() >= proven ? "an upper bound" : "a bound below the proof, set aside")
                        : "no bound: uncertain");
                said.add(e.method() + " " + e.count() + " (" + String.join(", ", notes) + ")");
                continue;
            }
            if (e.count() > 0) {
                notes.add(e.withoutFormulas() ? "counted without formulas" : e.backed() ? "backed by its formulas"
                        : e.certified() > 0 ? e.certified() + " backed" : "no formula conserved");
            }
            notes.add(e.bounds() ? "found no more" : "no upper bound");
            said.add(e.method() + " " + e.count() + " (" + String.join(", ", notes) + ")");
        }
        String all = String.join(", ", said);
        String prover = claims.stream().filter(e -> e.backed() && e.count() == proven).map(Evidence::method)
                .findFirst().orElse("");
        if (proven > 0 && proven == maximum) {
            return new CountDecision(proven, CERTIFIED, proven, proven, String.format(Locale.ROOT, "%d, certified: "
                    + "%s's formulas are %d independent quantities, each conserved by its verdict, the most a flow in %d "
                    + "dimensions can have (%s)", proven, prover, proven, d, all));
        }
        // each trusted bound is an upper bound by itself, so the tightest one holds (bounds below the proof are gone)
        int ceiling = bounds.stream().mapToInt(b -> b).min().orElse(-1);
        if (proven > 0 && ceiling == proven) {
            String above = claims.stream().filter(e -> e.count() > proven).map(e -> e.method() + "'s " + e.count())
                    .collect(java.util.stream.Collectors.joining(", "));
            return new CountDecision(proven, CERTIFIED, proven, proven, String.format(Locale.ROOT, "%d, certified: "
                    + "%s's formulas are %d independent quantities, each conserved by its verdict, and a method that "
                    + "looked for more found no more%s (%s)", proven, prover, proven, above.isEmpty() ? ""
                    : "; " + above + " above that bound, not proven, is set aside", all));
        }
        boolean nothing = most == 0 && claims.size() > 1 && !blind; // every method, each in its own way, found nothing
        boolean pinned = ceiling == most;
        if (proven == 0 && least == most && !blind && (nothing || pinned && (claims.size() > 1 || most == 0))) {
            return new CountDecision(most, AGREED, most, most, String.format(Locale.ROOT, claims.size() > 1
                    ? "%d, agreed by %d methods (%s)" : "%d, by %d method that bounds it (%s)", most, claims.size(),
                    all));
        }
        // without a proof that meets a bound, the range keeps every method's count: bounds and claims that conflict
        // (one method's bound below another's count) leave both possible
        // never below what is proven, never above the tightest trusted bound (a bound holds by itself; the range keeps
        // the claims above it possible, the number given does not contradict it)
        int reported = Math.max(ceiling >= 0 ? Math.min(claims.get(0).count(), ceiling) : claims.get(0).count(), proven);
        int lower = proven;
        int upper = bounds.isEmpty() ? Math.max(most, maximum) : Math.max(most, bounds.stream().mapToInt(b -> b).max()
                .orElse(most));
        upper = Math.min(Math.max(upper, lower), Math.max(maximum, lower));
        if (reported > upper) { // a method that counted more than a flow in d dimensions can have
            reported = upper;
        }
        String why = blind ? "the directions of motion are too noisy for the methods that use them"
                : least != most ? "the methods disagree" : bounds.isEmpty() ? "no method that could bound it did"
                : "nothing proves it";
        String given = reported == claims.get(0).count() ? claims.get(0).method() + "'s"
                : reported == upper && claims.get(0).count() > upper && (ceiling < 0 || upper < ceiling)
                ? claims.get(0).method() + "'s " + claims.get(0).count() + " cut to the most possible, " + upper
                : reported == proven && proven > claims.get(0).count() ? claims.get(0).method() + "'s raised to the proven "
                + proven : claims.get(0).method() + "'s " + claims.get(0).count() + " cut to the tightest bound " + reported;
        return new CountDecision(reported, UNCERTAIN, lower, upper, String.format(Locale.ROOT, "uncertain, between %d "
                + "and %d: %s (%s); the number given is %s", lower, upper, why, all, given));
    }
}
