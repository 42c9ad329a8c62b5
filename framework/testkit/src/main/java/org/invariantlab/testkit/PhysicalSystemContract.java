package org.invariantlab.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.invariantlab.api.LabExtension;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.ConservedCounts;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.api.system.VectorField;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract every {@link PhysicalSystem} plugin must satisfy, as an abstract JUnit 5 test. A plugin's test
 * subclasses it, returns its system from {@link #system()}, and inherits the checks; a second subclass with
 * {@link #parameterOverrides()} runs the same contract on a variant.
 *
 * <p>What is checked, on {@link #groups()} × {@link #perGroup()} states drawn with seed {@link #seed()}:
 * <ul>
 *   <li><b>identity</b>: the id matches {@link LabExtension#ID_PATTERN}, the description is one non-blank line,
 *       parameter names are unique with one-line descriptions, and the defaults (plus the overrides) resolve
 *       and configure;</li>
 *   <li><b>shape</b>: the sample has the requested number of groups and states, its variables are
 *       {@code stateSpace().variables()}, and every value is finite;</li>
 *   <li><b>invariance within groups</b>: for every true invariant {@code I}, every group {@code g} and
 *       member {@code m}: {@code |I(x_gm) − I(x_g0)| ≤ τ·max(1, |I(x_g0)|)} with {@code τ} =
 *       {@link #invariantTolerance()}. The scale {@code max(1, |I|)} makes the bound absolute for invariants
 *       of magnitude below one (whose value may pass through zero, like an angular momentum of either
 *       sign) and relative above;</li>
 *   <li><b>variation across groups</b>: the values {@code I(x_g0)} over the groups span a range larger than
 *       {@link #minimumRelativeSpread()}{@code ·max(1, max_g |I(x_g0)|)}, so an invariant is a label and
 *       not a constant; invariants listed in {@link #invariantsConstantAcrossGroups()} must instead be
 *       constant across all groups within the within-group bound;</li>
 *   <li><b>gradients</b>: each analytic {@code ∇I} agrees with {@link FiniteDifferences central
 *       differences} componentwise within {@link #gradientTolerance()}{@code ·max(1, |∇I|, |I|)};</li>
 *   <li><b>conservation</b> (if the model has a vector field {@code h}): {@code |∇I·h| ≤ }
 *       {@link #flowTolerance()}{@code ·|∇I|·|h|} at every sampled state, i.e. {@code I} is a conserved
 *       quantity of {@code dx/dt = h(x)};</li>
 *   <li><b>expressions and features</b>: each invariant's Symja expression is non-blank, names only state
 *       variables, and, where it stays inside the subset of Symja this kit can evaluate, equals the
 *       evaluator within the within-group bound; extra features are finite at every sampled state and their
 *       expressions check the same way;</li>
 *   <li><b>reproducibility</b>: the same seed gives equal {@link GroupedData}, twice from one model and from
 *       two separately configured models; a different seed gives different data;</li>
 *   <li><b>validation</b>: every {@link InvalidCase} of {@link #invalidParameterSets()} is refused with an
 *       {@link InvalidParameterException} naming the expected parameter.</li>
 * </ul>
 * Assertion messages carry the numbers (values, differences, bounds) that failed.
 *
 * <p>The invariance and conservation conditions are those of S. J. Wetzel, R. G. Melko, J. Scott, M. Panju,
 * V. Ganesh, "Discovering symmetry invariants and conserved quantities by interpreting siamese neural
 * networks", Phys. Rev. Research 2, 033499 (2020): {@code I(x) = I(Ux)} on a group, and
 * {@code ∇I(x)·h(x) = 0} for a conserved quantity.
 */
public abstract class PhysicalSystemContract {

    /** Default seed of the sampled states. */
    public static final long DEFAULT_SEED = 20_200_330L;

    /** The system under test, freshly built (as the host would, through its public constructor). */
    protected abstract PhysicalSystem system();

    /** Parameter overrides (name to text) that select the variant under test; empty for the defaults. */
    protected Map<String, String> parameterOverrides() {
        return Map.of();
    }

    /**
     * Relative tolerance {@code τ} of the within-group invariance check (see the class documentation for the
     * scale). The default {@code 1e-9} suits groups computed from exact solutions or exact transformations
     * in double precision; groups from numerical integration need a looser value, justified by the
     * integrator's error.
     */
    protected double invariantTolerance() {
        return 1e-9;
    }

    /**
     * Tolerance of the gradient check against central differences. With the default relative step
     * {@code 1e-6} central differences carry a truncation error near {@code 1e-12·|∂³I|} and a rounding
     * error near {@code 1e-10·|I|}, so the default {@code 1e-6} leaves four orders of magnitude for
     * invariants whose third derivatives are up to {@code 1e6} times their gradient.
     */
    protected double gradientTolerance() {
        return 1e-6;
    }

    /**
     * Tolerance of {@code |∇I·h| ≤ tol·|∇I|·|h|}. Each product {@code ∂_iI·h_i} is bounded by
     * {@code |∇I|·|h|} (Cauchy–Schwarz) and carries a few rounding errors of relative size
     * {@code ε ≈ 1.1e-16}, so an exactly conserved quantity evaluated analytically leaves a residual near
     * {@code d·ε}; the default {@code 1e-12} allows a thousand times that.
     */
    protected double flowTolerance() {
        return 1e-12;
    }

    /**
     * Smallest range {@code max_g I − min_g I} over the groups, relative to {@code max(1, max_g |I|)}, for an
     * invariant to count as varying. Sampled invariant ranges are a sizeable fraction of the invariant's
     * scale, while rounding noise is below {@code 1e-12}; {@code 1e-3} separates the two with a wide margin.
     */
    protected double minimumRelativeSpread() {
        return 1e-3;
    }

    /** Number of groups sampled for the checks; small so the contract runs fast. */
    protected int groups() {
        return 20;
    }

    /** States per group sampled for the checks. */
    protected int perGroup() {
        return 5;
    }

    /** Seed of the sampled states. */
    protected long seed() {
        return DEFAULT_SEED;
    }

    /**
     * Names of invariants that are constant across groups by construction in this variant (for example the
     * angular momentum when every orbit shares one {@code L}). They are exempt from the variation check and
     * must instead be constant across all groups.
     */
    protected Set<String> invariantsConstantAcrossGroups() {
        return Set.of();
    }

    /**
     * Parameter sets the system must refuse, each applied on top of {@link #parameterOverrides()}, with the
     * parameter the refusal must name. Empty by default, in which case the validation check is skipped.
     */
    protected List<InvalidCase> invalidParameterSets() {
        return List.of();
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    public final void identityIsWellFormed() {
        PhysicalSystem system = system();
        String id = system.id();
        String description = system.description();
        assertAll(
                () -> assertNotNull(id, "id() returned null"),
                () -> assertTrue(id != null && id.matches(LabExtension.ID_PATTERN),
                        "id '" + id + "' does not match " + LabExtension.ID_PATTERN),
                () -> assertTrue(description != null && !description.isBlank(), "description() is blank"),
                () -> assertTrue(description == null || description.lines().count() == 1,
                        "description must be one line, got " + (description == null ? 0 : description.lines().count())
                                + " lines: '" + description + "'"),
                () -> assertNotNull(system.stateSpace(), "stateSpace() returned null"));
    }

    @Test
    public final void parametersAreDeclaredAndDefaultsResolve() {
        PhysicalSystem system = system();
        List<ParameterSpec> specs = system.parameters();
        assertNotNull(specs, "parameters() returned null");
        Set<String> names = new HashSet<>();
        List<Executable> checks = new ArrayList<>();
        for (ParameterSpec s : specs) {
            checks.add(() -> assertTrue(names.add(s.name()), "parameter '" + s.name() + "' is declared twice"));
            checks.add(() -> assertTrue(!s.description().isBlank() && s.description().lines().count() == 1,
                    "parameter '" + s.name() + "' needs a one-line description, got '" + s.description() + "'"));
        }
        checks.add(() -> {
            Parameters defaults = Parameters.resolve(system.id(), specs, Map.of());
            assertNotNull(system.configure(defaults), "configure(defaults) returned null");
        });
        checks.add(() -> assertNotNull(model(), "configure(" + parameterOverrides() + ") returned null"));
        assertAll("parameters of '" + system.id() + "'", checks);
    }

    @Test
    public final void modelDeclaresInvariantsAndStateSpace() {
        PhysicalSystem system = system();
        SystemModel model = model();
        StateSpace space = model.stateSpace();
        List<TrueInvariant> invariants = model.invariants();
        assertNotNull(invariants, "invariants() returned null");
        boolean negativeControl = model.conservedCounts().map(c -> c.independent().orElse(-1) == 0).orElse(false);
        assertTrue(negativeControl == invariants.isEmpty(), negativeControl
                ? "a system declared without conserved quantities (counts 0) must list no invariant"
                : "a system needs at least one true invariant (or declared counts of 0, for a negative control)");
        Set<String> names = new HashSet<>();
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(system.stateSpace(), space, "the model's state space differs from the system's"));
        for (TrueInvariant inv : invariants) {
            checks.add(() -> assertTrue(names.add(inv.name()), "invariant name '" + inv.name() + "' is used twice"));
            checks.add(() -> assertFalse(inv.description().isBlank(), "invariant '" + inv.name() + "' has a blank description"));
        }
        for (String name : invariantsConstantAcrossGroups()) {
            checks.add(() -> assertTrue(invariants.stream().anyMatch(i -> i.name().equals(name)),
                    "invariantsConstantAcrossGroups() names '" + name + "', which is not an invariant of the model"));
        }
        assertAll(checks);
    }

    @Test
    public final void sampleHasTheRequestedShapeAndFiniteValues() {
        SystemModel model = model();
        GroupedData data = sample(model, seed());
        StateSpace space = model.stateSpace();
        double[] values = data.values();
        int firstBad = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                firstBad = i;
                break;
            }
        }
        int bad = firstBad;
        assertAll(
                () -> assertEquals(groups(), data.groups(), "number of groups"),
                () -> assertEquals(perGroup(), data.perGroup(), "states per group"),
                () -> assertEquals(space.variables(), data.variables(), "variable names of the sample"),
                () -> assertEquals((long) groups() * perGroup() * space.dimension(), values.length, "number of values"),
                () -> assertTrue(bad < 0, () -> "value " + bad + " of the sample is " + values[bad]));
    }

    @Test
    public final void invariantsAreConstantWithinEachGroup() {
        SystemModel model = model();
        GroupedData data = sample(model, seed());
        double tol = invariantTolerance();
        List<Executable> checks = new ArrayList<>();
        for (TrueInvariant inv : model.invariants()) {
            Worst worst = new Worst();
            for (int g = 0; g < data.groups(); g++) {
                double ref = inv.value(data.state(g, 0));
                double scale = Math.max(1.0, Math.abs(ref));
                for (int m = 1; m < data.perGroup(); m++) {
                    double v = inv.value(data.state(g, m));
                    int gg = g;
                    int mm = m;
                    worst.offer(Math.abs(v - ref) / scale, () -> "group " + gg + ", state " + mm + ": " + inv.name()
                            + " = " + v + " vs " + ref + " at state 0");
                }
            }
            checks.add(() -> assertTrue(worst.error <= tol, () -> "invariant " + inv.name() + " drifts within a group by "
                    + worst.error + " (relative to max(1, |I|)) > tolerance " + tol + "; worst at " + worst.where));
        }
        assertAll("within-group invariance of " + system().id() + " " + parameterOverrides(), checks);
    }

    @Test
    public final void invariantsVaryAcrossGroupsUnlessDeclaredConstant() {
        SystemModel model = model();
        GroupedData data = sample(model, seed());
        Set<String> constant = invariantsConstantAcrossGroups();
        List<Executable> checks = new ArrayList<>();
        for (TrueInvariant inv : model.invariants()) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double largest = 0;
            for (int g = 0; g < data.groups(); g++) {
                double v = inv.value(data.state(g, 0));
                min = Math.min(min, v);
                max = Math.max(max, v);
                largest = Math.max(largest, Math.abs(v));
            }
            double range = max - min;
            double scale = Math.max(1.0, largest);
            String span = inv.name() + " spans [" + min + ", " + max + "] over " + data.groups() + " groups";
            if (constant.contains(inv.name())) {
                double bound = invariantTolerance() * scale;
                checks.add(() -> assertTrue(range <= bound, () -> "invariant " + inv.name()
                        + " is declared constant across groups but " + span + ": range " + range + " > " + bound));
            } else {
                double bound = minimumRelativeSpread() * scale;
                checks.add(() -> assertTrue(range > bound, () -> "invariant " + inv.name()
                        + " does not label the groups: " + span + ", range " + range + " <= " + bound
                        + " (declare it in invariantsConstantAcrossGroups() if that is intended)"));
            }
        }
        assertAll("variation across groups", checks);
    }

    @Test
    public final void gradientsMatchFiniteDifferences() {
        SystemModel model = model();
        GroupedData data = sample(model, seed());
        double tol = gradientTolerance();
        int d = data.dimension();
        List<Executable> checks = new ArrayList<>();
        for (TrueInvariant inv : model.invariants()) {
            Worst worst = new Worst();
            String shapeError = null;
            for (int g = 0; g < data.groups() && shapeError == null; g++) {
                for (int m = 0; m < data.perGroup(); m++) {
                    double[] x = data.state(g, m);
                    double[] analytic = inv.gradient(x.clone());
                    if (analytic == null || analytic.length != d) {
                        shapeError = "gradient of " + inv.name() + " has length " + (analytic == null ? "null" : analytic.length)
                                + ", expected " + d;
                        break;
                    }
                    double[] numeric = FiniteDifferences.gradient(inv.field(), x);
                    double scale = Math.max(1.0, Math.max(norm(analytic), Math.abs(inv.value(x))));
                    for (int i = 0; i < d; i++) {
                        String at = "∂" + inv.name() + "/∂" + data.variables().get(i) + " at group " + g + ", state " + m
                                + ": analytic " + analytic[i] + ", central difference " + numeric[i];
                        worst.offer(Math.abs(analytic[i] - numeric[i]) / scale, () -> at);
                    }
                }
            }
            String shape = shapeError;
            checks.add(() -> assertTrue(shape == null, shape));
            checks.add(() -> assertTrue(worst.error <= tol, () -> "gradient of " + inv.name() + " disagrees with central "
                    + "differences by " + worst.error + " (relative to max(1, |∇I|, |I|)) > " + tol + "; worst " + worst.where));
        }
        assertAll("analytic gradients", checks);
    }

    @Test
    public final void invariantsAreConservedByTheVectorField() {
        SystemModel model = model();
        Optional<VectorField> field = model.vectorField();
        Assumptions.assumeTrue(field.isPresent(), "the system has no vector field");
        VectorField h = field.get();
        GroupedData data = sample(model, seed());
        double tol = flowTolerance();
        int d = data.dimension();
        List<Executable> checks = new ArrayList<>();
        for (TrueInvariant inv : model.invariants()) {
            Worst worst = new Worst();
            String shapeError = null;
            for (int g = 0; g < data.groups() && shapeError == null; g++) {
                for (int m = 0; m < data.perGroup(); m++) {
                    double[] x = data.state(g, m);
                    double[] hx = h.at(x.clone());
                    if (hx == null || hx.length != d) {
                        shapeError = "vector field has length " + (hx == null ? "null" : hx.length) + ", expected " + d;
                        break;
                    }
                    double[] grad = inv.gradient(x.clone());
                    double dot = 0;
                    for (int i = 0; i < d; i++) {
                        dot += grad[i] * hx[i];
                    }
                    double scale = norm(grad) * norm(hx);
                    double rel = scale == 0 ? Math.abs(dot) : Math.abs(dot) / scale;
                    String at = "group " + g + ", state " + m + ": ∇" + inv.name() + "·h = " + dot + ", |∇I|·|h| = " + scale;
                    worst.offer(rel, () -> at);
                }
            }
            String shape = shapeError;
            checks.add(() -> assertTrue(shape == null, shape));
            checks.add(() -> assertTrue(worst.error <= tol, () -> inv.name() + " is not conserved: |∇I·h| / (|∇I|·|h|) "
                    + "reaches " + worst.error + " > " + tol + " at " + worst.where));
        }
        assertAll("conservation along the flow", checks);
    }

    /**
     * The vector field as formulas ({@link SystemModel#vectorFieldExpressions()}), when declared, has one formula per
     * state variable and describes the same field as {@link SystemModel#vectorField()} at every sampled state (each
     * component within {@link #invariantTolerance()} relative to {@code max(1, |h_i|)}): a proof of conservation
     * made on the formulas is then a proof about the dynamics that produced the data.
     */
    @Test
    public final void vectorFieldExpressionsDescribeTheField() {
        SystemModel model = model();
        Optional<List<String>> expressions = model.vectorFieldExpressions();
        Assumptions.assumeTrue(expressions.isPresent(), "the system gives no formulas for its vector field");
        List<String> h = expressions.get();
        List<String> variables = model.stateSpace().variables();
        assertTrue(model.vectorField().isPresent(), "formulas for a vector field that the system does not have");
        assertEquals(variables.size(), h.size(), "one formula per state variable " + variables);
        GroupedData data = sample(model, seed());
        VectorField field = model.vectorField().get();
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            int component = i;
            checks.add(() -> checkExpression("h_" + variables.get(component) + " = d" + variables.get(component) + "/dt",
                    h.get(component), x -> field.at(x)[component], variables, data));
        }
        assertAll("the vector field's formulas", checks);
    }

    /**
     * Declared counts ({@link SystemModel#conservedCounts()}) agree with the truth: the independent count is the
     * most frequent rank of the true invariants' gradients over the sampled states (a gradient adds a direction when
     * the sine of its angle to the span of the others exceeds {@value #RANK_TOLERANCE}); the first
     * {@code inInvolution} invariants Poisson-commute pairwise, {@code |{I_a, I_b}| ≤ flowTolerance()·|∇I_a|·|∇I_b|},
     * and there are no more of them than degrees of freedom.
     */
    @Test
    public final void declaredCountsMatchTheTruth() {
        SystemModel model = model();
        Assumptions.assumeTrue(model.conservedCounts().isPresent(), "the system declares no counts");
        ConservedCounts counts = model.conservedCounts().get();
        GroupedData data = sample(model, seed());
        List<TrueInvariant> invariants = model.invariants();
        List<Executable> checks = new ArrayList<>();
        if (counts.independent().isPresent()) {
            int[] ranks = new int[invariants.size() + 1];
            for (int g = 0; g < data.groups(); g++) {
                for (int m = 0; m < data.perGroup(); m++) {
                    double[] x = data.state(g, m);
                    List<double[]> gradients = new ArrayList<>();
                    for (TrueInvariant inv : invariants) {
                        gradients.add(inv.gradient(x.clone()));
                    }
                    ranks[rank(gradients)]++;
                }
            }
            int mostFrequent = 0;
            for (int r = 1; r < ranks.length; r++) {
                mostFrequent = ranks[r] > ranks[mostFrequent] ? r : mostFrequent;
            }
            int declared = counts.independent().getAsInt();
            int found = mostFrequent;
            checks.add(() -> assertEquals(declared, found, "declared " + declared + " independent conserved quantities, but "
                    + "the gradients of the true invariants have rank " + found + " on most sampled states"));
        }
        if (counts.inInvolution().isPresent()) {
            int m = counts.inInvolution().getAsInt();
            Optional<CanonicalLayout> layout = model.stateSpace().canonical();
            checks.add(() -> assertTrue(m == 0 || layout.isPresent(), "counts in involution need a (q, p) layout"));
            layout.ifPresent(l -> {
                checks.add(() -> assertTrue(m <= l.degreesOfFreedom(), m + " quantities in involution exceed the "
                        + l.degreesOfFreedom() + " degrees of freedom"));
                checks.add(() -> assertTrue(m <= invariants.size(), "declared " + m + " in involution but only "
                        + invariants.size() + " invariants are listed (list the commuting ones first)"));
                double tol = flowTolerance();
                for (int a = 0; a < Math.min(m, invariants.size()); a++) {
                    for (int b = a + 1; b < Math.min(m, invariants.size()); b++) {
                        TrueInvariant ia = invariants.get(a);
                        TrueInvariant ib = invariants.get(b);
                        Worst worst = new Worst();
                        for (int g = 0; g < data.groups(); g++) {
                            for (int k = 0; k < data.perGroup(); k++) {
                                double[] x = data.state(g, k);
                                double[] ga = ia.gradient(x.clone());
                                double[] gb = ib.gradient(x.clone());
                                double scale = norm(ga) * norm(gb);
                                double bracket = l.poissonBracket(ga, gb);
                                int gg = g;
                                int kk = k;
                                worst.offer(scale == 0 ? Math.abs(bracket) : Math.abs(bracket) / scale,
                                        () -> "group " + gg + ", state " + kk);
                            }
                        }
                        checks.add(() -> assertTrue(worst.error <= tol, () -> "{" + ia.name() + ", " + ib.name()
                                + "} ≠ 0: relative bracket " + worst.error + " at " + worst.where
                                + " (list the invariants in involution first)"));
                    }
                }
            });
        }
        assertAll("declared counts", checks);
    }

    /** Rank tolerance: the sine of the angle between a gradient and the span of the earlier ones. */
    static final double RANK_TOLERANCE = 1e-6;

    private static int rank(List<double[]> vectors) {
        List<double[]> basis = new ArrayList<>();
        for (double[] v : vectors) {
            double n = norm(v);
            if (n == 0) {
                continue;
            }
            double[] w = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                w[i] = v[i] / n;
            }
            for (int pass = 0; pass < 2; pass++) {
                for (double[] b : basis) {
                    double p = 0;
                    for (int i = 0; i < w.length; i++) {
                        p += w[i] * b[i];
                    }
                    for (int i = 0; i < w.length; i++) {
                        w[i] -= p * b[i];
                    }
                }
            }
            double left = norm(w);
            if (left > RANK_TOLERANCE) {
                for (int i = 0; i < w.length; i++) {
                    w[i] /= left;
                }
                basis.add(w);
            }
        }
        return basis.size();
    }

    @Test
    public final void expressionsAreWellFormedAndMatchTheirEvaluators() {
        SystemModel model = model();
        GroupedData data = sample(model, seed());
        List<String> variables = model.stateSpace().variables();
        List<Executable> checks = new ArrayList<>();
        for (TrueInvariant inv : model.invariants()) {
            checks.add(() -> assertFalse(inv.expression().isBlank(), "invariant " + inv.name() + " has a blank expression"));
            if (!inv.expression().isBlank()) {
                checks.add(() -> checkExpression("invariant " + inv.name(), inv.expression(), inv::value, variables, data));
            }
        }
        assertAll("symbolic expressions of the invariants", checks);
    }

    @Test
    public final void extraFeaturesAreFiniteAndMatchTheirExpressions() {
        SystemModel model = model();
        List<Feature> features = model.extraFeatures();
        assertNotNull(features, "extraFeatures() returned null");
        Assumptions.assumeFalse(features.isEmpty(), "the system declares no extra features");
        GroupedData data = sample(model, seed());
        List<String> variables = model.stateSpace().variables();
        Set<String> names = new HashSet<>();
        List<Executable> checks = new ArrayList<>();
        for (Feature f : features) {
            checks.add(() -> assertTrue(names.add(f.name()), "feature name '" + f.name() + "' is used twice"));
            checks.add(() -> assertFalse(f.expression().isBlank(), "feature " + f.name() + " has a blank expression"));
            checks.add(() -> {
                for (int g = 0; g < data.groups(); g++) {
                    for (int m = 0; m < data.perGroup(); m++) {
                        double v = f.value(data.state(g, m));
                        int gg = g;
                        int mm = m;
                        assertTrue(Double.isFinite(v), () -> "feature " + f.name() + " = " + v + " at group " + gg + ", state " + mm);
                    }
                }
            });
            if (!f.expression().isBlank()) {
                checks.add(() -> checkExpression("feature " + f.name(), f.expression(), f::value, variables, data));
            }
        }
        assertAll("extra features", checks);
    }

    @Test
    public final void samplingIsReproducibleAndDependsOnTheSeed() {
        SystemModel model = model();
        GroupedData first = sample(model, seed());
        GroupedData again = sample(model, seed());
        GroupedData fresh = sample(model(), seed());
        GroupedData other = sample(model, seed() + 1);
        assertAll(
                () -> assertEquals(first, again, "the same model and seed " + seed() + " gave different data"),
                () -> assertEquals(first, fresh, "two models configured alike gave different data for seed " + seed()),
                () -> assertNotEquals(first, other, "seeds " + seed() + " and " + (seed() + 1) + " gave identical data"));
    }

    /**
     * Every value a parameter declares as allowed can be used: at each finite edge of each numeric parameter's
     * range (the edge itself when inclusive, else a hair inside), the system either refuses the combination with the
     * other defaults in one line ({@link InvalidParameterException}), or samples {@code 2 × 2} finite states. A
     * declared range that no sampling can reach is a bug of the declaration: narrow it, or adapt the sampling.
     */
    @Test
    public final void declaredRangesAreUsable() {
        PhysicalSystem system = system();
        List<Executable> checks = new ArrayList<>();
        for (ParameterSpec spec : system.parameters()) {
            if (spec.type() != org.invariantlab.api.param.ParameterType.REAL
                    && spec.type() != org.invariantlab.api.param.ParameterType.INTEGER) {
                continue;
            }
            for (boolean upper : new boolean[] {false, true}) {
                Optional<Bound> edge = upper ? spec.upperBound() : spec.lowerBound();
                if (edge.isEmpty() || !Double.isFinite(edge.get().value())) {
                    continue;
                }
                double v = edge.get().value();
                if (!edge.get().inclusive()) {
                    double hair = Math.max(Math.abs(v) * 1e-6, 1e-9);
                    v = upper ? v - hair : v + hair;
                }
                String value = spec.type() == org.invariantlab.api.param.ParameterType.INTEGER
                        ? String.valueOf((long) (upper ? Math.floor(v) : Math.ceil(v))) : String.valueOf(v);
                checks.add(() -> {
                    Map<String, String> overrides = new LinkedHashMap<>(parameterOverrides());
                    overrides.put(spec.name(), value);
                    SystemModel m;
                    try {
                        m = system.configure(Parameters.resolve(system.id(), system.parameters(), overrides));
                    } catch (InvalidParameterException e) {
                        return; // the combination with the other parameters is refused in one line: fine
                    }
                    GroupedData d;
                    try {
                        d = m.sample(new SamplingRequest(2, 2, seed()));
                    } catch (RuntimeException e) {
                        throw new AssertionError(spec.name() + " = " + value + " is inside its declared range "
                                + spec.domain() + " but sampling fails: " + e.getMessage(), e);
                    }
                    for (double x : d.values()) {
                        assertTrue(Double.isFinite(x), spec.name() + " = " + value + " gives non-finite states");
                    }
                });
            }
        }
        assertAll("declared parameter ranges of '" + system.id() + "'", checks);
    }

    @Test
    public final void invalidParameterSetsAreRefusedNamingTheParameter() {
        List<InvalidCase> cases = invalidParameterSets();
        Assumptions.assumeFalse(cases.isEmpty(), "no invalid parameter sets declared");
        PhysicalSystem system = system();
        List<Executable> checks = new ArrayList<>();
        for (InvalidCase c : cases) {
            checks.add(() -> {
                Map<String, String> overrides = new LinkedHashMap<>(parameterOverrides());
                overrides.putAll(c.overrides());
                InvalidParameterException refusal = null;
                try {
                    Parameters p = Parameters.resolve(system.id(), system.parameters(), overrides);
                    system.configure(p);
                } catch (InvalidParameterException e) {
                    refusal = e;
                }
                assertNotNull(refusal, () -> "parameters " + overrides + " were accepted; expected a refusal naming '"
                        + c.expectedParameter() + "'");
                String message = String.valueOf(refusal.getMessage());
                assertEquals(c.expectedParameter(), refusal.parameter(),
                        "parameters " + overrides + " were refused naming the wrong parameter; message: " + message);
                assertTrue(message.contains(c.expectedParameter()), "the refusal of " + overrides
                        + " does not mention '" + c.expectedParameter() + "' in its message: " + message);
            });
        }
        assertAll("invalid parameter sets of '" + system.id() + "'", checks);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** The model of the variant under test: {@link #parameterOverrides()} resolved and configured. */
    protected final SystemModel model() {
        PhysicalSystem system = system();
        Parameters p = Parameters.resolve(system.id(), system.parameters(), parameterOverrides());
        return system.configure(p);
    }

    /** {@link #groups()} × {@link #perGroup()} states of {@code model} with the given seed. */
    protected final GroupedData sample(SystemModel model, long seed) {
        return model.sample(new SamplingRequest(groups(), perGroup(), seed));
    }

    private void checkExpression(String what, String expression, ToDoubleFunction<double[]> evaluator,
                                 List<String> variables, GroupedData data) {
        ToDoubleFunction<double[]> parsed;
        try {
            parsed = SymjaSubset.parse(expression, variables);
        } catch (SymjaSubset.Unsupported e) {
            // valid Symja beyond the evaluated subset: nothing to compare against
            return;
        } catch (IllegalArgumentException e) {
            fail(what + ": expression '" + expression + "' is not a formula over " + variables + ": " + e.getMessage());
            return;
        }
        double tol = invariantTolerance();
        Worst worst = new Worst();
        for (int g = 0; g < data.groups(); g++) {
            for (int m = 0; m < data.perGroup(); m++) {
                double[] x = data.state(g, m);
                double expected = evaluator.applyAsDouble(x.clone());
                double actual = parsed.applyAsDouble(x.clone());
                String at = "group " + g + ", state " + m + ": expression gives " + actual + ", evaluator " + expected;
                worst.offer(Math.abs(actual - expected) / Math.max(1.0, Math.abs(expected)), () -> at);
            }
        }
        assertTrue(worst.error <= tol, () -> what + ": expression '" + expression + "' disagrees with the evaluator by "
                + worst.error + " (relative to max(1, |value|)) > " + tol + "; worst at " + worst.where);
    }

    /** The largest error seen and where; a NaN error sticks, so it fails every bound. */
    private static final class Worst {
        double error;
        String where = "nowhere";

        void offer(double e, java.util.function.Supplier<String> at) {
            if (Double.isNaN(error)) {
                return;
            }
            if (Double.isNaN(e) || e > error) {
                error = e;
                where = at.get();
            }
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double c : v) {
            s += c * c;
        }
        return Math.sqrt(s);
    }
}
