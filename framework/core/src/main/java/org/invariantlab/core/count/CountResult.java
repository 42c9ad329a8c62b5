package org.invariantlab.core.count;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.invariantlab.core.verdict.SetVerdict;
import org.invariantlab.core.verdict.Verdict;

/**
 * What {@code invariantlab count} found: {@code count.json} is this record.
 *
 * @param system            the system id, or the data file's name
 * @param parameters        its parameters
 * @param source            where the states came from
 * @param variables         the state variables
 * @param trueInvariants    names of the system's true invariants
 * @param trueIndependent   the rank of the true invariants' gradients on the test states (the most frequent rank)
 * @param declaredIndependent  the system's declared independent count, or -1 when it declares none
 * @param declaredInInvolution the system's declared count in involution, or -1 when it declares none
 * @param independent       the count of independent conserved quantities as {@link #decision()} decides it, or -1
 *                          when not measured
 * @param inInvolution      the count in involution (deflation with the bracket), or -1 when not measured (no
 *                          canonical layout, or method svd)
 * @param svd               the svd count, or null
 * @param deflation         the deflation counts (with the bracket first when the system has a (q, p) layout)
 * @param methods           the counts of plugin methods ({@link org.invariantlab.api.count.CountingMethod}), e.g.
 *                          {@code library-nullspace}
 * @param seconds           wall time
 */
public record CountResult(String system, Map<String, String> parameters, Source source, List<String> variables,
                          @JsonProperty("true_invariants") List<String> trueInvariants,
                          @JsonProperty("true_independent") int trueIndependent,
                          @JsonProperty("declared_independent") int declaredIndependent,
                          @JsonProperty("declared_in_involution") int declaredInInvolution, int independent,
                          @JsonProperty("in_involution") int inInvolution, Svd svd, List<Deflation> deflation,
                          List<MethodCount> methods, double seconds) {

    public CountResult {
        parameters = Map.copyOf(parameters);
        variables = List.copyOf(variables);
        trueInvariants = List.copyOf(trueInvariants);
        deflation = List.copyOf(deflation);
        methods = methods == null ? List.of() : List.copyOf(methods);
    }

    /**
     * Where the states of a count came from.
     *
     * @param kind              {@code system} (simulated trajectories, directions from the vector field) or
     *                          {@code file} (measured trajectories, directions by finite differences in time)
     * @param name              the system id or the file's name
     * @param trajectories      training trajectories (system) or all trajectories of the file
     * @param states            states of those trajectories
     * @param medianTurnDegrees file: the median angle between neighbouring steps of a trajectory
     *                          ({@link org.invariantlab.core.data.TrajectoryTangents}); NaN for a system
     * @param directionNoise    file: the estimated root-mean-square error of the unit directions
     *                          ({@link org.invariantlab.core.data.TrajectoryTangents#directionNoise}); 0 for a system
     *                          (its vector field is exact)
     * @param checkHorizon      how much longer than the training trajectories the test trajectories are (a system's
     *                          {@code tMax} factor; for a file, the training windows are the first {@code 1/H} of
     *                          each trajectory's time span and the test trajectories are whole)
     */
    public record Source(String kind, String name, int trajectories, long states,
                         @JsonProperty("median_turn_degrees") double medianTurnDegrees,
                         @JsonProperty("direction_noise") double directionNoise,
                         @JsonProperty("check_horizon") double checkHorizon) {
    }

    /**
     * AI Poincaré 2.0's count (Liu, Madhavan, Tegmark, PRE 106, 045307 (2022)): {@code k} outputs trained jointly
     * with {@code gradient-orthogonality}; per test state the singular values of the {@code k × d} matrix of unit
     * gradients, averaged over states. The count is the number of independent directions (mean singular values above
     * the tolerance) among the functions that pass the trajectory check: each output, and each combination of outputs
     * whose normalised Lie derivative is below the deflation threshold ({@link Counter#conservedCombinations}: jointly
     * trained outputs can each mix a conserved part with a moving one).
     *
     * @param outputs        k
     * @param spectrum       mean singular values of the outputs, largest first
     * @param conservation   per output, its spread along test trajectories over its spread over all test states
     *                       ({@link Counter#conservationRatios}; it passes below {@link Counter#CONSERVATION_TOLERANCE})
     * @param tolerance      the threshold
     * @param count          independent directions among the outputs and combinations that pass (0 when none does)
     * @param spanAlignment  mean principal-angle cosine between the top-{@code count} learned directions and the
     *                       span of the true gradients, per state, averaged
     * @param finalLoss      the loss on validation states after training
     * @param statesPerSecond training throughput
     * @param seconds        wall time of the training
     * @param formulas       the learned functions read as formulas
     * @param formulaSet     what is known of the formulas together; {@code null} with fewer than two
     * @param combinationSpreads the same spread for each combination of outputs with a small Lie derivative
     */
    public record Svd(int outputs, double[] spectrum, double[] conservation, double tolerance, int count,
                      @JsonProperty("span_alignment") double spanAlignment,
                      @JsonProperty("final_loss") double finalLoss,
                      @JsonProperty("states_per_second") double statesPerSecond, double seconds,
                      List<Formula> formulas, @JsonProperty("formula_set") SetVerdict formulaSet,
                      @JsonProperty("combination_spreads") double[] combinationSpreads) {
        @com.fasterxml.jackson.annotation.JsonCreator
        public Svd {
            spectrum = spectrum.clone();
            conservation = conservation.clone();
            formulas = List.copyOf(formulas);
            combinationSpreads = combinationSpreads == null ? new double[0] : combinationSpreads.clone();
        }

        /** A count without conserved combinations of outputs (see {@link Counter#conservedCombinations}). */
        public Svd(int outputs, double[] spectrum, double[] conservation, double tolerance, int count,
                   double spanAlignment, double finalLoss, double statesPerSecond, double seconds,
                   List<Formula> formulas, SetVerdict formulaSet) {
            this(outputs, spectrum, conservation, tolerance, count, spanAlignment, finalLoss, statesPerSecond, seconds,
                    formulas, formulaSet, new double[0]);
        }

        @Override
        public double[] combinationSpreads() {
            return combinationSpreads.clone();
        }

        @Override
        public double[] spectrum() {
            return spectrum.clone();
        }

        @Override
        public double[] conservation() {
            return conservation.clone();
        }
    }

    /**
     * Neural deflation's count (Zhu, Zhang, Kevrekidis, PRE 108, L022301 (2023)): the number of leading stages
     * whose final loss stays below the tolerance (and whose network passes the trajectory check), the jump marking the first network that cannot be conserved
     * and independent of (and, with the bracket, in involution with) the earlier ones.
     *
     * @param bracket         whether the Poisson-bracket term was on (the count is then of commuting quantities)
     * @param stageLoss       final validation loss per stage
     * @param stageConservation per stage, the network's spread along test trajectories over its spread over all
     *                        test states (a stage counts only below {@link Counter#CONSERVATION_TOLERANCE})
     * @param tolerance       the threshold
     * @param count           leading stages below it
     * @param stageAlignment  per stage, the mean cosine between the stage's gradient and the span of the true gradients
     * @param statesPerSecond training throughput of the stages, mean
     * @param seconds         wall time
     * @param formulas        the counted stages' functions read as formulas
     * @param formulaSet      what is known of the formulas together; {@code null} with fewer than two
     * @param underTrained    the stages (from 1) whose validation loss was still falling when their epochs ended
     *                        ({@link org.invariantlab.core.train.GradientTrainer#stillImproving}): their loss and check are not final
     */
    public record Deflation(boolean bracket, @JsonProperty("stage_loss") double[] stageLoss,
                            @JsonProperty("stage_conservation") double[] stageConservation, double tolerance,
                            int count, @JsonProperty("stage_alignment") double[] stageAlignment,
                            @JsonProperty("states_per_second") double statesPerSecond, double seconds,
                            List<Formula> formulas, @JsonProperty("formula_set") SetVerdict formulaSet,
                            @JsonProperty("under_trained") int[] underTrained) {
        public Deflation {
            stageLoss = stageLoss.clone();
            stageConservation = stageConservation.clone();
            stageAlignment = stageAlignment.clone();
            formulas = List.copyOf(formulas);
            underTrained = underTrained == null ? new int[0] : underTrained.clone();
        }

        @Override
        public int[] underTrained() {
            return underTrained.clone();
        }

        @Override
        public double[] stageLoss() {
            return stageLoss.clone();
        }

        @Override
        public double[] stageConservation() {
            return stageConservation.clone();
        }

        @Override
        public double[] stageAlignment() {
            return stageAlignment.clone();
        }
    }

    /**
     * The count of a plugin method ({@link org.invariantlab.api.count.CountingMethod}), with its evidence; its
     * quantities are read and judged by the host like the networks' functions.
     *
     * @param method       the method's id, e.g. {@code library-nullspace}
     * @param count        independent conserved quantities
     * @param inInvolution those in involution, or -1 when the method does not count them
     * @param spectrum     the numbers the method's rule was applied to (for the library nullspace: the normalised Lie
     *                     derivatives of the library's combinations, smallest first)
     * @param threshold    the rule's threshold on them
     * @param rule         the rule with its numbers, in one sentence
     * @param notes        what the method says makes its count uncertain
     * @param conservation per counted quantity, its spread along test trajectories over its spread over all test
     *                     states ({@link Counter#conservationRatios})
     * @param seconds      wall time
     * @param formulas     the counted quantities read as formulas
     * @param formulaSet   what is known of the formulas together; {@code null} with fewer than two
     */
    public record MethodCount(String method, int count, @JsonProperty("in_involution") int inInvolution,
                              double[] spectrum, double threshold, String rule, List<String> notes,
                              double[] conservation, double seconds, List<Formula> formulas,
                              @JsonProperty("formula_set") SetVerdict formulaSet) {
        public MethodCount {
            spectrum = spectrum.clone();
            conservation = conservation.clone();
            notes = List.copyOf(notes);
            formulas = List.copyOf(formulas);
        }

        @Override
        public double[] spectrum() {
            return spectrum.clone();
        }

        @Override
        public double[] conservation() {
            return conservation.clone();
        }
    }

    /**
     * A learned function read as a formula and checked.
     *
     * @param expression        the formula (Symja syntax)
     * @param exact             exactly an affine combination of true invariants
     * @param matches           the true invariants it combines, when exact
     * @param networkAlignment  how well it explains the network (the reader's gradient alignment)
     * @param verdict           what is known of its conservation, with the evidence
     * @param spread            the formula's own spread along the test trajectories over its spread over all test
     *                          states ({@link Counter#conservationRatios}): evidence that does not depend on the
     *                          reader (a formula that explains a conserved network must itself be conserved)
     */
    public record Formula(String expression, boolean exact, List<String> matches,
                          @JsonProperty("network_alignment") double networkAlignment, double spread, Verdict verdict) {
        public Formula {
            matches = List.copyOf(matches);
        }

        /**
         * Whether the formula is conserved by its verdict ({@link org.invariantlab.core.verdict.Verifier}: proven,
         * exact, or conserved on the held-out trajectories); for a result written before verdicts, whether it passes
         * the trajectory check. A formula that is not is a reading of the network, not a conserved quantity, and is
         * never presented as one.
         */
        @JsonProperty("conserved")
        public boolean conserved() {
            return verdict != null ? verdict.kind().conserved() : spread < Counter.CONSERVATION_TOLERANCE;
        }
    }

    /**
     * Warnings about what the counts rest on, in words: a method that counted quantities none of whose formulas is
     * conserved along unseen trajectories (its count rests on network outputs alone, and is uncertain); svd and
     * deflation disagreeing on the independent count (the number reported is deflation's, never silently); and a
     * count below what a method's formulas prove (conserved by their verdicts and independent together: a
     * certified lower bound, {@link #certified()}).
     */
    @JsonProperty("warnings")
    public List<String> warnings() {
        List<String> out = new java.util.ArrayList<>();
        List<String> counts = new java.util.ArrayList<>();
        java.util.Set<Integer> distinct = new java.util.TreeSet<>();
        for (CountDecision.Evidence e : evidence()) {
            if (e.boundOnly()) {
                continue; // a bound is not a count that could disagree
            }
            List<Formula> formulas = e.method().equals("svd") ? svd.formulas() : e.method().equals("deflation")
                    ? deflation.stream().filter(d -> !d.bracket()).findFirst().orElseThrow().formulas()
                    : methods.stream().filter(m -> m.method().equals(e.method())).findFirst().orElseThrow().formulas();
            counts.add(said(e.method(), e.count(), formulas));
            distinct.add(e.count());
        }
        CountDecision decision = decision();
        if (distinct.size() > 1 && decision != null && !decision.confident()) {
            out.add("the methods disagree on the independent count: " + String.join(", ", counts)
                    + "; the count reported is " + reportedBy() + "'s and is uncertain");
        }
        int certified = certified();
        if (independent >= 0 && certified > independent) {
            out.add(String.format(java.util.Locale.ROOT, "the formulas of one method prove at least %d independent "
                    + "conserved quantities (each conserved by its verdict, independent together), more than the %d "
                    + "reported: the count is at least %d", certified, independent, certified));
        }
        if (svd != null && svd.count() > 0 && svd.formulas().stream().noneMatch(Formula::conserved)) {
            out.add(unexplained("svd", svd.count(), svd.formulas()));
        }
        if (svd != null && svd.count() == 0 && svd.outputs() > 0) {
            // svd found nothing: say how close it came, so that its 0 is not read as "nothing is conserved"
            double best = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(svd.conservation()),
                    java.util.Arrays.stream(svd.combinationSpreads())).filter(Double::isFinite).min()
                    .orElse(Double.NaN);
            out.add(String.format(java.util.Locale.ROOT, "svd counted 0: none of its %d outputs nor of the %d "
                    + "combinations of them with a small Lie derivative is conserved along unseen trajectories (best "
                    + "spread %.3g against %.2g): the jointly trained outputs did not separate a conserved part, which "
                    + "says nothing about whether one exists", svd.outputs(), svd.combinationSpreads().length, best,
                    Counter.CONSERVATION_TOLERANCE));
        }
        for (Deflation d : deflation) {
            if (tooNoisy(source.directionNoise(), variables.size())) {
                out.add(String.format(java.util.Locale.ROOT, "the directions are too noisy for deflation (noise %.3g): "
                        + "a conserved function's loss would reach %.3g, within a factor 3 of what a function that is not "
                        + "conserved reaches (1/d = %.3g), so its count is uncertain; sample the trajectories more densely, "
                        + "or measure with less noise", source.directionNoise(), d.tolerance(), 1.0 / variables.size()));
                break;
            }
        }
        for (Deflation d : deflation) {
            int[] under = d.underTrained();
            // a stage that decided the count (the first that failed) or was counted, and was still learning
            int decisive = Math.min(d.count() + 1, d.stageLoss().length);
            List<String> late = new java.util.ArrayList<>();
            for (int k : under) {
                if (k <= decisive) {
                    late.add(String.valueOf(k));
                }
            }
            if (!late.isEmpty()) {
                out.add(String.format(java.util.Locale.ROOT, "deflation (%s the bracket): stage%s %s %s still learning "
                        + "when %s epochs ended (under-trained): %s loss and check are not final; give more --epochs",
                        d.bracket() ? "with" : "without", late.size() == 1 ? "" : "s", String.join(", ", late),
                        late.size() == 1 ? "was" : "were", late.size() == 1 ? "its" : "their",
                        late.size() == 1 ? "its" : "their"));
            }
        }
        for (Deflation d : deflation) {
            if (d.count() > 0 && d.formulas().stream().noneMatch(Formula::conserved)) {
                out.add(unexplained(d.bracket() ? "deflation (with the bracket)" : "deflation", d.count(), d.formulas()));
            }
        }
        for (MethodCount m : methods) {
            if (m.count() > 0 && !m.formulas().isEmpty() && m.formulas().stream().noneMatch(Formula::conserved)) {
                out.add(unexplained(m.method(), m.count(), m.formulas()));
            }
            m.notes().forEach(n -> out.add(m.method() + ": " + n));
        }
        return out;
    }

    /**
     * The method whose number {@link #independent()} is when the decision is uncertain: deflation without the
     * bracket, else svd, else a plugin's; "all" when the decision is confident.
     */
    @JsonProperty("reported_by")
    public String reportedBy() {
        CountDecision decision = decision();
        if (decision != null && decision.confident()) {
            return "all";
        }
        List<CountDecision.Evidence> e = evidence();
        return e.isEmpty() ? "none" : e.get(0).method();
    }

    private static String said(String method, int count, List<Formula> formulas) {
        return String.format(java.util.Locale.ROOT, "%s %d (%d of its formulas conserved by their verdicts)", method,
                count, conservedCount(formulas));
    }

    /**
     * The independent count decided from every method's number and the formulas that prove part of it
     * ({@link CountDecision}); {@code null} when no method counted independent quantities.
     */
    @JsonProperty("decision")
    public CountDecision decision() {
        return CountDecision.of(evidence(), variables.size(), tooNoisy(source.directionNoise(), variables.size()));
    }

    /**
     * Whether a method's count is an upper bound only, claiming nothing: the orbit dimension where the data carry
     * directions of motion ({@link OrbitDimension}).
     */
    public boolean boundOnly(MethodCount m) {
        return boundOnly(m, source.kind().equals(CountData.SNAPSHOTS));
    }

    private static boolean boundOnly(MethodCount m, boolean snapshots) {
        return m.method().equals(OrbitDimension.ID) && !snapshots;
    }

    /**
     * Whether directions of noise {@code σ} are too noisy for the methods that use them: a conserved function's loss
     * ({@code 9σ²/(d − 1)}, {@link Counter#deflationTolerance}) within a factor 3 of what a function that is not
     * conserved reaches ({@code 1/d}).
     */
    static boolean tooNoisy(double noise, int d) {
        return Double.isFinite(noise) && d > 1 && 9 * noise * noise / (d - 1) > 1.0 / (3 * d);
    }

    private List<CountDecision.Evidence> evidence() {
        return evidence(svd, deflation, methods, source.kind().equals(CountData.SNAPSHOTS));
    }

    /**
     * Each method's independent count with what its formulas prove, the most trusted method first; the orbit
     * dimension is an upper bound only unless the data are {@code snapshots}.
     */
    static List<CountDecision.Evidence> evidence(Svd svd, List<Deflation> deflation, List<MethodCount> methods,
                                                 boolean snapshots) {
        List<CountDecision.Evidence> out = new java.util.ArrayList<>();
        // deflation bounds its count when its first failing stage failed clearly (loss and spread) and had finished
        // learning; svd and
        // a library never bound (svd undercounts when outputs fail the check, a library misses what it cannot
        // express); the orbit dimension bounds when nothing made it uncertain
        deflation.stream().filter(d -> !d.bracket()).findFirst().ifPresent(d -> out.add(new CountDecision.Evidence(
                "deflation", d.count(), certifiedBy(d.formulas(), d.formulaSet()), false, bounds(d))));
        if (svd != null) {
            out.add(new CountDecision.Evidence("svd", svd.count(), certifiedBy(svd.formulas(), svd.formulaSet()), false,
                    false));
        }
        for (MethodCount m : methods) {
            boolean formulaFree = m.formulas().isEmpty() && m.conservation().length == 0;
            boolean orbit = m.method().equals(OrbitDimension.ID);
            out.add(new CountDecision.Evidence(m.method(), m.count(), certifiedBy(m.formulas(), m.formulaSet()),
                    formulaFree, orbit && m.notes().isEmpty(), boundOnly(m, snapshots)));
        }
        return out;
    }

    /**
     * Whether a deflation count is an upper bound: its first failing stage exists, had finished learning
     * ({@link Deflation#underTrained()}), and failed clearly by <em>both</em> measures — a final loss at least
     * {@value #CLEAR_LOSS} times the threshold and a spread along unseen trajectories of at least {@value #CLEAR_SPREAD}.
     * Each measure alone has been seen on a true invariant that a stage had not yet learned: FPUT's energy at full size
     * (benchmark grid, 2026-12-07) ended at 2.8 times the threshold with a spread of 0.41 (FPUT-3, seed 2), and at 1.1–1.9
     * times the threshold with spreads of 0.70–0.74 (FPUT-4 and FPUT-5, seed 1); with either measure alone those
     * stages bounded the count at 1 against the true 2, confidently wrong. Functions that are not conserved reach losses
     * of 0.17 and more and spreads of 0.71–0.94 (the damped oscillator: its first stage, loss 0.022 and spread 0.71, no
     * longer bounds, so deflation alone leaves it uncertain between 0 and 1; with the other methods it is still an agreed
     * 0).
     */
    static boolean bounds(Deflation d) {
        int decisive = d.count() + 1;
        if (decisive > d.stageLoss().length || java.util.Arrays.stream(d.underTrained()).anyMatch(k -> k == decisive)) {
            return false;
        }
        return d.stageLoss()[decisive - 1] >= CLEAR_LOSS * d.tolerance()
                && d.stageConservation()[decisive - 1] >= CLEAR_SPREAD;
    }

    /** A failing stage's loss this many times the threshold is a clear failure. */
    static final double CLEAR_LOSS = 2;

    /** A failing stage's spread along unseen trajectories this large is a clear failure. */
    static final double CLEAR_SPREAD = 0.7;

    /**
     * A lower bound on the number of independent conserved quantities from the formulas: for one method whose
     * formulas are all conserved by their verdicts (proven, exact, or conserved on held-out data), the rank of their
     * gradients; 1 when only some are; the largest over the methods, 0 when no formula is conserved. A proven formula
     * is certain evidence, whatever the networks' losses say.
     */
    @JsonProperty("certified_at_least")
    public int certified() {
        int best = 0;
        if (svd != null) {
            best = Math.max(best, certifiedBy(svd.formulas(), svd.formulaSet()));
        }
        for (Deflation d : deflation) {
            best = Math.max(best, certifiedBy(d.formulas(), d.formulaSet()));
        }
        for (MethodCount m : methods) {
            best = Math.max(best, certifiedBy(m.formulas(), m.formulaSet()));
        }
        return best;
    }

    private static int certifiedBy(List<Formula> formulas, SetVerdict set) {
        if (formulas.stream().noneMatch(Formula::conserved)) {
            return 0;
        }
        if (formulas.stream().allMatch(Formula::conserved) && set != null) {
            return set.rank(); // the exact gradient rank of conserved formulas: that many independent quantities
        }
        return 1; // some are conserved, but the rank was taken together with formulas that are not
    }

    private static long conservedCount(List<Formula> formulas) {
        return formulas.stream().filter(Formula::conserved).count();
    }

    private static String unexplained(String method, int count, List<Formula> formulas) {
        return String.format(java.util.Locale.ROOT, "%s counted %d, but none of its %d formula%s is conserved by its "
                + "verdict (spreads along unseen trajectories %s): the count rests on network outputs alone and is "
                + "uncertain; train longer or check the data", method, count, formulas.size(),
                formulas.size() == 1 ? "" : "s", Counter.format(formulas.stream().mapToDouble(Formula::spread).toArray()));
    }
}
