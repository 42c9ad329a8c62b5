package org.invariantlab.core.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.Interpretation;
import org.invariantlab.api.symbolic.InterpretationContext;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.core.score.FormulaCheck;
import org.invariantlab.core.score.Scorer;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.core.symbolic.Cas;
import org.invariantlab.core.symbolic.SymbolicForm;
import org.invariantlab.core.score.Scores;
import org.invariantlab.core.verdict.HeldOutSpread;
import org.invariantlab.core.verdict.SetVerdict;
import org.invariantlab.core.verdict.Verdict;
import org.invariantlab.core.verdict.VerdictContext;
import org.invariantlab.core.verdict.VerdictKind;
import org.invariantlab.core.verdict.Verifier;
import org.invariantlab.core.score.ScoringOptions;

/**
 * The formulas read off a trained network, each checked rather than assumed right: the stage shared by
 * {@code run} and {@code read}.
 *
 * <p>For every formula: which reading produced it and how well it explains the network (the interpreter's
 * {@link Interpretation#networkAlignment()}), its gradient alignment with the matched true invariants
 * ({@link Scorer#formulaAgreement}), whether it is exactly an affine combination of true invariants that vary on
 * the data (any of them: on Kepler orbits with a fixed orientation {@code Ax} is as conserved as {@code E}) and
 * whether it stays
 * constant within fresh groups ({@link FormulaCheck}). A formula is <em>flagged</em> — reported, never presented
 * as the answer without a warning — when it explains the network worse than {@value #MIN_NETWORK_ALIGNMENT}, or
 * varies within fresh groups.
 *
 * @param readings        the formulas, best first; empty when the reading failed
 * @param truthAlignment  per formula, its gradient alignment with the matched invariants
 * @param checks          per formula, the exactness and fresh-state check
 * @param verdicts        per formula, its verdict ({@link Verifier}): proven, exact, conserved on held-out data or not
 * @param set             what is known of the formulas together; {@code null} with fewer than two
 * @param error           why there is no formula; {@code null} when there is one
 */
public record FormulaReport(List<Interpretation> readings, List<Double> truthAlignment,
                            List<FormulaCheck.Result> checks, List<Verdict> verdicts, SetVerdict set, String error) {

    /** A formula whose gradient agrees less than this with the network's does not explain it. */
    public static final double MIN_NETWORK_ALIGNMENT = 0.99;

    public FormulaReport {
        readings = List.copyOf(readings);
        truthAlignment = List.copyOf(truthAlignment);
        checks = List.copyOf(checks);
        verdicts = List.copyOf(verdicts);
        if (readings.size() != truthAlignment.size() || readings.size() != checks.size()
                || readings.size() != verdicts.size()) {
            throw new IllegalArgumentException("one alignment and one check per reading");
        }
        if ((error == null) == readings.isEmpty()) {
            throw new IllegalArgumentException("either readings or an error");
        }
    }

    /**
     * Reads {@code latents} with {@code interpreter} on {@code test}'s states and checks every formula; a reading
     * that fails is recorded as the error, so that it never costs the trained model.
     *
     * @param fresh groups the network never saw, for the fresh-state check
     */
    public static FormulaReport read(SymbolicInterpreter interpreter, Parameters parameters, List<ScalarField> latents,
                                     SystemModel model, GroupedData test, GroupedData fresh, Scores scores) {
        return read(interpreter, parameters, latents, model, test, fresh, scores, null);
    }

    /**
     * An interpreter that searches expressions ({@link SymbolicInterpreter#searchesExpressions()}), with its
     * parameters, called when the chosen interpreter's reading does not explain the network.
     */
    public record Search(SymbolicInterpreter interpreter, Parameters parameters) {
    }

    /**
     * As {@link #read(SymbolicInterpreter, Parameters, List, SystemModel, GroupedData, GroupedData, Scores)}; when a
     * reading explains the network worse than {@value #MIN_NETWORK_ALIGNMENT} (δ > 0.01) and is not conserved by its
     * verdict, {@code search} is given and every network is itself conserved on {@code fresh}, the searching
     * interpreter reads the latents too, and its readings are kept if they explain the network better.
     */
    public static FormulaReport read(SymbolicInterpreter interpreter, Parameters parameters, List<ScalarField> latents,
                                     SystemModel model, GroupedData test, GroupedData fresh, Scores scores,
                                     Search search) {
        InterpretationContext context = new InterpretationContext(model.stateSpace(), model.extraFeatures(),
                test.values(), test.groups());
        List<Interpretation> readings;
        try {
            readings = interpreter.interpretJointly(latents, context, parameters);
        } catch (InvariantLabException e) {
            return failed(e.getMessage());
        }
        if (readings == null || readings.isEmpty()) {
            return failed("interpreter '" + interpreter.id() + "' returned no formula");
        }
        if (interpreter.searchesExpressions()) {
            readings = simplified(readings, model);
        }
        Verifier verifier = Verifier.of(VerdictContext.of(model, RaggedGroups.of(fresh), VERDICT_SEED));
        List<Verdict> verdicts = verdicts(verifier, readings);
        if (search != null && !interpreter.searchesExpressions() && unexplained(readings, verdicts)
                && conservedNetworks(latents, fresh)) {
            try {
                List<Interpretation> searched = simplified(search.interpreter().interpretJointly(latents, context,
                        search.parameters()), model);
                if (meanAlignment(searched) > meanAlignment(readings)) {
                    readings = searched;
                    verdicts = verdicts(verifier, readings);
                }
            } catch (InvariantLabException e) {
                // the library reading stands; the search found nothing better to say
            }
        }
        return checked(readings, verdicts, verifier, model, test, fresh, scores);
    }

    /** The report of {@code readings} with their verdicts: each checked against the truth, and all judged together. */
    private static FormulaReport checked(List<Interpretation> readings, List<Verdict> verdicts, Verifier verifier,
                                         SystemModel model, GroupedData test, GroupedData fresh, Scores scores) {
        List<Double> alignment = new ArrayList<>();
        List<FormulaCheck.Result> checks = new ArrayList<>();
        for (Interpretation r : readings) {
            alignment.add(Scorer.formulaAgreement(r.formula(), scores, model, test, ScoringOptions.defaults()));
            // exact: an affine combination of any true invariants that vary on the data (those constant on it
            // cannot be told apart from the constant)
            checks.add(FormulaCheck.check(r.expression(), r.formula(), model,
                    List.copyOf(scores.alignmentPerInvariant().keySet()), fresh));
        }
        SetVerdict set = readings.size() < 2 ? null : verifier.set(readings.stream().map(Interpretation::expression)
                .toList(), readings.stream().map(Interpretation::formula).toList());
        return new FormulaReport(readings, alignment, checks, verdicts, set, null);
    }

    /**
     * The formulas a counting method wrote itself (Symja syntax), checked like readings: each simplified, compiled
     * into a function of the state (so that its value, its verdict and its checks all refer to the text), given its
     * verdict on {@code fresh}, checked against the truth, and judged together. There is no network to explain: the
     * alignment is NaN.
     *
     * @throws org.invariantlab.api.InvalidInputException if an expression does not parse
     */
    public static FormulaReport ofExpressions(List<String> expressions, SystemModel model, GroupedData test,
                                              GroupedData fresh) {
        List<String> variables = model.stateSpace().variables();
        List<Interpretation> readings = new ArrayList<>();
        for (String e : expressions) {
            SymbolicForm form = Cas.simplest(e, variables);
            ScalarField field = org.invariantlab.core.symbolic.ExpressionInvariant.of("F", form.expression(), variables,
                    "formula").field();
            readings.add(new Interpretation(form.expression(), form.latex(), 1, List.of(), field, "method",
                    Double.NaN, List.of()));
        }
        if (readings.isEmpty()) {
            return failed("the method returned no formula");
        }
        Scores scores = Scorer.score(readings.stream().map(Interpretation::formula).toList(), model, test,
                ScoringOptions.defaults());
        Verifier verifier = Verifier.of(VerdictContext.of(model, RaggedGroups.of(fresh), VERDICT_SEED));
        return checked(readings, verdicts(verifier, readings), verifier, model, test, fresh, scores);
    }

    /**
     * The first interpreter of {@code registry} (by id) that searches expressions, other than {@code chosen}, at its
     * default parameters; {@code null} when no plugin offers one.
     */
    public static Search searchIn(org.invariantlab.core.registry.ExtensionRegistry registry, String chosen) {
        return registry.all(SymbolicInterpreter.class).stream()
                .filter(r -> r.extension().searchesExpressions() && !r.id().equals(chosen))
                .sorted(java.util.Comparator.comparing(org.invariantlab.core.registry.ExtensionRecord::id))
                .findFirst()
                .map(r -> new Search(r.extension(), Parameters.resolve(r.id(), r.extension().parameters(), Map.of())))
                .orElse(null);
    }

    private static List<Verdict> verdicts(Verifier verifier, List<Interpretation> readings) {
        List<Verdict> out = new ArrayList<>();
        for (Interpretation r : readings) {
            out.add(verifier.verdict(r.expression(), r.formula()));
        }
        return out;
    }

    /**
     * Whether a search is called for: some reading neither explains the network (alignment below
     * {@value #MIN_NETWORK_ALIGNMENT}) nor is conserved by its verdict — a formula proven or exact needs no search,
     * however loosely a half-trained network follows it.
     */
    private static boolean unexplained(List<Interpretation> readings, List<Verdict> verdicts) {
        for (int j = 0; j < readings.size(); j++) {
            if (!(readings.get(j).networkAlignment() >= MIN_NETWORK_ALIGNMENT) && !verdicts.get(j).kind().conserved()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every network is itself conserved on the fresh groups ({@link HeldOutSpread}, where measurable): a
     * search looks for the formula of a conserved function; a network the dynamics moves has no conserved formula to
     * be found, and searching it would only cost the search's budget (at quick sizes, minutes per cell).
     */
    public static boolean conservedNetworks(List<ScalarField> latents, GroupedData fresh) {
        RaggedGroups groups = RaggedGroups.of(fresh);
        for (ScalarField f : latents) {
            java.util.Optional<HeldOutSpread> h = HeldOutSpread.measure(f, groups, VERDICT_SEED);
            if (h.isPresent() && !h.get().conserved()) {
                return false;
            }
        }
        return true;
    }

    private static double meanAlignment(List<Interpretation> readings) {
        return readings.stream().mapToDouble(r -> Double.isFinite(r.networkAlignment()) ? r.networkAlignment() : 0)
                .average().orElse(0);
    }

    /** A search's formulas in their shortest form ({@link Cas#simplest}), as the library reader writes its own. */
    private static List<Interpretation> simplified(List<Interpretation> readings, SystemModel model) {
        List<String> variables = model.stateSpace().variables();
        List<Interpretation> out = new ArrayList<>();
        for (Interpretation r : readings) {
            SymbolicForm form = Cas.simplest(r.expression(), variables);
            out.add(new Interpretation(form.expression(), form.latex(), r.r2(), r.terms(), r.formula(), r.reading(),
                    r.networkAlignment(), r.alternatives()));
        }
        return out;
    }

    /** Seed of the random points and bootstrap of the verdicts: fixed, so that a verdict is reproducible. */
    public static final long VERDICT_SEED = 20261206L;

    /** A report without formula. */
    public static FormulaReport failed(String error) {
        return new FormulaReport(List.of(), List.of(), List.of(), List.of(), null, Objects.requireNonNull(error, "error"));
    }

    /** Every formula is exactly a combination of true invariants. */
    public boolean exact() {
        return !checks.isEmpty() && checks.stream().allMatch(FormulaCheck.Result::exact);
    }

    /** The true invariants the exact formulas are combinations of, without repeats. */
    public List<String> matches() {
        return checks.stream().flatMap(c -> c.matches().stream()).distinct().toList();
    }

    /** Why a formula should not be taken as the answer; empty when none. */
    public List<String> flags() {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < readings.size(); j++) {
            Interpretation r = readings.get(j);
            String name = readings.size() > 1 ? "formula " + (j + 1) + " (" + r.expression() + ")" : "the formula";
            if (r.networkAlignment() < MIN_NETWORK_ALIGNMENT) {
                out.add(String.format(Locale.ROOT, "%s does not explain the network (gradient alignment %.4f < %.2f): "
                        + "allow a larger library (interpreter parameters maxDegree, products) or give the system "
                        + "the features its invariant needs", name, r.networkAlignment(), MIN_NETWORK_ALIGNMENT));
            }
            Verdict v = verdicts.get(j);
            if (v.kind() == VerdictKind.NOT_CONSERVED) {
                out.add(name + " is not conserved: " + v.evidence());
            }
            FormulaCheck.Result c = checks.get(j);
            if (!c.constantOnFreshGroups()) {
                out.add(String.format(Locale.ROOT, "%s varies within fresh groups (spread %.2e > %.2e): at best an "
                        + "approximation on the training region", name, c.freshSpread(), c.spreadLimit()));
            }
        }
        return out;
    }

    /** The formula part of the run's metrics. */
    public FormulaSummary metrics() {
        return new FormulaSummary(joined(Interpretation::expression, "; "), joined(Interpretation::latex, ",\\quad "),
                readings.stream().map(Interpretation::expression).toList(),
                readings.stream().map(Interpretation::reading).toList(),
                readings.stream().mapToDouble(Interpretation::r2).min().orElse(Double.NaN),
                truthAlignment.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                readings.stream().mapToDouble(Interpretation::networkAlignment).min().orElse(Double.NaN),
                exact(), matches(),
                checks.stream().mapToDouble(FormulaCheck.Result::freshSpread).max().orElse(Double.NaN),
                flags(), error, verdicts, set);
    }

    /**
     * {@code formula.json}: the first reading's fields at the top level, and with several readings every one
     * (best first) under {@code readings}.
     */
    public Map<String, Object> formulaJson() {
        if (error != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", error);
            return m;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (int j = 0; j < readings.size(); j++) {
            Interpretation f = readings.get(j);
            FormulaCheck.Result c = checks.get(j);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("expression", f.expression());
            m.put("latex", f.latex());
            m.put("reading", f.reading());
            m.put("r2", f.r2());
            m.put("network_alignment", f.networkAlignment());
            m.put("alignment", truthAlignment.get(j));
            m.put("exact", c.exact());
            m.put("matches", c.matches());
            m.put("compared_with", c.combination());
            m.put("fresh_spread", c.freshSpread());
            m.put("fresh_spread_limit", c.spreadLimit());
            m.put("verdict", verdicts.get(j).kind().word());
            m.put("verdict_evidence", verdicts.get(j).evidence());
            m.put("function_of", verdicts.get(j).functionOf());
            List<Map<String, Object>> terms = new ArrayList<>();
            f.terms().forEach(t -> {
                Map<String, Object> term = new LinkedHashMap<>();
                term.put("feature", t.feature());
                term.put("coefficient", t.coefficient());
                terms.add(term);
            });
            m.put("terms", terms);
            if (!f.alternatives().isEmpty()) {
                List<Map<String, Object>> front = new ArrayList<>();
                for (org.invariantlab.api.symbolic.Alternative a : f.alternatives()) {
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put("expression", a.expression());
                    point.put("complexity", a.complexity());
                    point.put("misalignment", a.misalignment());
                    front.add(point);
                }
                m.put("pareto_front", front);
            }
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>(list.get(0));
        if (list.size() > 1) {
            out.put("readings", list);
        }
        if (set != null) {
            out.put("set", set);
        }
        out.put("flags", flags());
        return out;
    }

    private String joined(Function<Interpretation, String> part, String separator) {
        return String.join(separator, readings.stream().map(part).toList());
    }
}
