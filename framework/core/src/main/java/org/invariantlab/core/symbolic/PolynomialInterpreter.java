package org.invariantlab.core.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.Interpretation;
import org.invariantlab.api.symbolic.InterpretationContext;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.symbolic.Term;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code polynomial} interpreter: reads a learned function as a sparse polynomial in the state
 * variables and the system's extra features (Wetzel, Melko, Scott, Panju &amp; Ganesh, "Discovering
 * symmetry invariants and conserved quantities by interpreting siamese neural networks", Phys. Rev. Research
 * 2, 033499, 2020).
 *
 * <ol>
 *   <li>Library: all monomials of the state variables of total degree 1 to {@code degree}, each extra
 *       feature of the context alone (e.g. {@code 1/Sqrt(x^2+y^2)}), and the constant.</li>
 *   <li>Fit {@code f(x) ≈ c_0 + Σ c_m φ_m(x)} on the context's states (at most {@code maxSamples}, taken at
 *       evenly spaced indices) by least squares with a ridge penalty on standardised columns; with
 *       {@code method=stlsq} by sequentially thresholded least squares (Brunton, Proctor &amp; Kutz, PNAS 113,
 *       3932, 2016): terms whose {@code |c_m|} is below {@code threshold} times the largest are dropped and
 *       the survivors refitted until none is dropped; with {@code method=ridge} by one such cut and refit.
 *       See {@link SparseRegression}.</li>
 *   <li>Normalise: divide by the coefficient of largest magnitude among the non-constant terms, so that
 *       term gets coefficient {@code +1} (this sign convention fixes the overall sign; the learned function
 *       is only defined up to scale and sign anyway). Terms, the constant included, whose normalised
 *       coefficient is below {@code threshold} in magnitude are dropped.</li>
 *   <li>Rationalise: each coefficient becomes the simplest rational within {@code rationalTolerance}
 *       (0.6823 → 2/3; the rule of Mathematica's {@code Rationalize}, see {@link Rational#simplestWithin});
 *       coefficients that become 0 are dropped.</li>
 *   <li>Build the formula, extra features written out as their expressions, and take the shortest of
 *       Symja's {@code Expand}, {@code Simplify} and {@code Factor} (see {@link Cas#simplest}); a numeric
 *       constant is written last: {@code -t^2+x^2+y^2+z^2-2/3}.</li>
 * </ol>
 *
 * <p>The result's {@code r2} is that of the final (thresholded) fit on the states used; its {@code terms}
 * are that fit's coefficients before normalisation for every library term (the constant as {@code 1}, then
 * the monomials, then the features by expression; dropped terms with coefficient 0); its {@code formula}
 * evaluates the normalised rational formula and its gradient (see {@link LibraryFormula}).
 *
 * <p>Several latents ({@link #interpretJointly}, {@code joint=span}): steps 1 and 3–5 as above, but step 2 is
 * replaced by {@link JointReading}, which finds the library polynomials that are functions of all latents
 * together on the states; each becomes one formula, without a constant.
 *
 * <p>Coefficients are compared in the units of the state variables, so thresholds are meaningful when
 * the variables are of order one, as the systems sample them. Stateless: safe to call from several threads
 * (Symja work is serialised by {@link Cas}).
 */
public final class PolynomialInterpreter implements SymbolicInterpreter {

    /** Each library term (constant included) needs at least this many states. */
    public static final int MIN_STATES_PER_TERM = 2;

    /** Relative spread of f below which f counts as constant on the data. */
    static final double CONSTANT_TOLERANCE = 1e-12;

    private static final Logger LOG = LoggerFactory.getLogger(PolynomialInterpreter.class);

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer("degree", 2, 1L, 4L, "highest total degree of the monomials in the library"),
            ParameterSpec.choice("method", "stlsq", List.of("stlsq", "ridge"),
                    "stlsq: threshold and refit until stable (Brunton et al. 2016); ridge: one cut and refit"),
            ParameterSpec.real("ridge", 1e-6, 0.0, null, "ridge penalty on standardised columns"),
            ParameterSpec.real("threshold", 0.05, 0.0, 1.0,
                    "terms with |coefficient| below this fraction of the largest are dropped"),
            ParameterSpec.real("rationalTolerance", 0.02, 0.0, 0.5,
                    "normalised coefficients become the simplest rational within this distance (0.6823 -> 2/3)"),
            ParameterSpec.integer("maxSamples", 5000, 10L, null,
                    "use at most this many states (evenly spaced) for the fit"),
            ParameterSpec.choice("joint", "span", List.of("span", "each"),
                    "several latents: span = the library polynomials that are functions of all latents together; "
                    + "each = read every latent alone"),
            ParameterSpec.integer("latentDegree", 3, 1L, 6L,
                    "joint reading: degree of the polynomial in the latents that models their unknown mixing"));

    /** Built by the host's injector. */
    public PolynomialInterpreter() {
    }

    @Override
    public String id() {
        return "polynomial";
    }

    @Override
    public String description() {
        return "sparse polynomial fit over monomials and the system's features, normalised, rationalised and simplified (Symja)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Interpretation interpret(ScalarField f, InterpretationContext context, Parameters parameters) {
        Objects.requireNonNull(f, "f");
        Setup setup = setup(context, parameters);
        long start = System.nanoTime();
        double[] y = values(f, setup.states, setup.variables);
        checkNotConstant(y);

        SparseRegression regression = new SparseRegression(setup.columns, y);
        if (!anyTrue(regression.usableColumns())) {
            throw new InvariantLabException("every library term is constant on the " + setup.states.length
                    + " states, so f cannot be read; pass states that vary");
        }
        int refits = setup.stlsq ? setup.library.size() + 1 : 1;
        SparseRegression.Fit fit = regression.thresholded(setup.threshold, setup.ridge, refits);
        if (fit.leading() < 0) {
            throw new InvariantLabException("f does not depend on any library term on these states (all coefficients are 0); "
                    + "it is constant up to noise: check that the network learned something (retrain) or raise the degree");
        }
        Interpretation out = readable(setup, fit.intercept(), fit.coefficients(), fit.r2());
        LOG.debug("polynomial reading {} (R² {}) from {} states in {} ms", out.expression(), fit.r2(), setup.states.length,
                (System.nanoTime() - start) / 1_000_000);
        return out;
    }

    /**
     * Several latents: with {@code joint=span} (default) the library polynomials that are functions of the
     * latents together ({@link JointReading}), at most one per latent, best first; each one's {@code r2} is
     * the fraction of its variance on the states that a polynomial of degree {@code latentDegree} in the
     * latents explains, and its formula carries no constant (an invariant is defined up to one). With
     * {@code joint=each}, or a single latent, each latent is read alone by {@link #interpret}.
     */
    @Override
    public List<Interpretation> interpretJointly(List<? extends ScalarField> fs, InterpretationContext context,
                                                 Parameters parameters) {
        Objects.requireNonNull(fs, "fs");
        if (fs.isEmpty()) {
            throw new IllegalArgumentException("nothing to interpret: no function given");
        }
        Setup setup = setup(context, parameters);
        if (fs.size() == 1 || setup.parameters.getString("joint").equals("each")) {
            return fs.stream().map(f -> interpret(f, context, parameters)).toList();
        }
        long start = System.nanoTime();
        double[][] latents = new double[fs.size()][];
        for (int j = 0; j < fs.size(); j++) {
            latents[j] = values(Objects.requireNonNull(fs.get(j), "function"), setup.states, setup.variables);
            checkNotConstant(latents[j]);
        }
        boolean[] usable = new SparseRegression(setup.columns, latents[0]).usableColumns();
        if (!anyTrue(usable)) {
            throw new InvariantLabException("every library term is constant on the " + setup.states.length
                    + " states, so the latents cannot be read; pass states that vary");
        }
        int latentDegree = setup.parameters.getInt("latentDegree");
        List<Interpretation> out = new ArrayList<>();
        for (JointReading.Reading r : JointReading.read(setup.columns, usable, latents, latentDegree)) {
            Interpretation raw = readable(setup, 0.0, r.coefficients(), Double.NaN);
            double[] p = new double[setup.states.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = raw.formula().value(setup.states[i].clone());
            }
            double r2 = 1 - JointReading.unexplained(p, latents, latentDegree);
            out.add(new Interpretation(raw.expression(), raw.latex(), r2, raw.terms(), raw.formula()));
        }
        out.sort((a, b) -> Double.compare(b.r2(), a.r2()));
        LOG.debug("joint polynomial reading of {} latents: {} from {} states in {} ms", fs.size(),
                out.stream().map(Interpretation::expression).toList(), setup.states.length,
                (System.nanoTime() - start) / 1_000_000);
        return out;
    }

    /** Resolved parameters, library and design shared by both readings. */
    private record Setup(Parameters parameters, FeatureLibrary library, List<String> variables, double[][] states,
                         double[][] columns, double threshold, double ridge, double tolerance, boolean stlsq) {
    }

    private Setup setup(InterpretationContext context, Parameters parameters) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(parameters, "parameters");
        Parameters p = Parameters.resolve(id(), PARAMETERS, parameters.asText());
        int maxSamples = p.getInt("maxSamples");
        StateSpace space = context.stateSpace();
        List<String> variables = space.variables();
        FeatureLibrary library = new FeatureLibrary(space, context.features(), p.getInt("degree"));
        double[][] states = sample(context, maxSamples);
        checkEnoughStates(library, context, states.length, maxSamples);
        return new Setup(p, library, variables, states, columns(library, states, variables), p.getDouble("threshold"),
                p.getDouble("ridge"), p.getDouble("rationalTolerance"), p.getString("method").equals("stlsq"));
    }

    /**
     * Steps 3–5 for raw coefficients {@code c} (per library column) and {@code intercept}: normalise by the
     * largest {@code |c_m|}, drop terms below the threshold, rationalise, simplify with Symja.
     */
    private static Interpretation readable(Setup setup, double intercept, double[] c, double r2) {
        FeatureLibrary library = setup.library;
        int size = library.size();
        int lead = -1;
        for (int m = 0; m < size; m++) {
            if (c[m] != 0 && (lead < 0 || Math.abs(c[m]) > Math.abs(c[lead]))) {
                lead = m;
            }
        }
        if (lead < 0) {
            throw new InvariantLabException("the reading has no non-zero library term; raise the degree");
        }
        double scale = c[lead];
        // normalised coefficients: index 0 is the constant, m + 1 the column m
        double[] normalised = new double[size + 1];
        normalised[0] = intercept / scale;
        for (int m = 0; m < size; m++) {
            normalised[m + 1] = c[m] / scale;
        }
        for (int k = 0; k <= size; k++) {
            if (Math.abs(normalised[k]) < setup.threshold) {
                normalised[k] = 0;
            }
        }
        List<Rational> rationals = new ArrayList<>(size + 1);
        for (double v : normalised) {
            rationals.add(Rational.simplestWithin(v, setup.tolerance));
        }

        StringBuilder expression = new StringBuilder();
        double[] formulaCoefficients = new double[size];
        double formulaConstant = rationals.get(0).doubleValue();
        if (!rationals.get(0).isZero()) {
            expression.append('(').append(rationals.get(0)).append(')');
        }
        for (int m = 0; m < size; m++) {
            Rational r = rationals.get(m + 1);
            if (r.isZero()) {
                continue;
            }
            formulaCoefficients[m] = r.doubleValue();
            if (expression.length() > 0) {
                expression.append('+');
            }
            expression.append('(').append(r).append(")*").append(library.column(m).symjaFactor());
        }
        SymbolicForm form = Cas.simplest(expression.toString(), setup.variables);

        List<Term> terms = new ArrayList<>(size + 1);
        terms.add(new Term("1", intercept));
        for (int m = 0; m < size; m++) {
            terms.add(new Term(library.column(m).name(), c[m]));
        }
        ScalarField formula = new LibraryFormula(library, formulaConstant, formulaCoefficients, form.expression());
        return new Interpretation(form.expression(), form.latex(), r2, terms, formula);
    }

    /** The context's states, or {@code maxSamples} of them at evenly spaced indices. */
    private static double[][] sample(InterpretationContext context, int maxSamples) {
        int n = context.size();
        int d = context.stateSpace().dimension();
        double[] flat = context.states();
        int m = Math.min(n, maxSamples);
        double[][] out = new double[m][];
        for (int k = 0; k < m; k++) {
            int i = (int) ((long) k * n / m);
            out[k] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return out;
    }

    private static void checkEnoughStates(FeatureLibrary library, InterpretationContext context, int used, int maxSamples) {
        int terms = library.size() + 1;
        long needed = (long) MIN_STATES_PER_TERM * terms;
        if (used >= needed) {
            return;
        }
        int d = library.space().dimension();
        int features = library.size() - library.monomials();
        String what = "degree " + library.degree() + " gives " + terms + " library terms (" + library.monomials()
                + " monomials of " + d + " variables, " + features + " extra features, 1 constant), which needs at least "
                + needed + " states (" + MIN_STATES_PER_TERM + " per term), but ";
        if (context.size() >= needed) {
            throw new InvariantLabException(what + "maxSamples = " + maxSamples + "; raise maxSamples to at least " + needed);
        }
        int fitting = 0;
        for (int k = library.degree() - 1; k >= 1; k--) {
            if (MIN_STATES_PER_TERM * (FeatureLibrary.monomialCount(d, k) + features + 1) <= used) {
                fitting = k;
                break;
            }
        }
        String fix = fitting > 0 ? "lower the degree to " + fitting + " or pass at least " + needed + " states"
                : "pass at least " + needed + " states";
        throw new InvariantLabException(what + "the context has only " + context.size() + "; " + fix);
    }

    private static double[] values(ScalarField f, double[][] states, List<String> variables) {
        double[] y = new double[states.length];
        for (int i = 0; i < states.length; i++) {
            double v = f.value(states[i].clone());
            if (!Double.isFinite(v)) {
                throw new InvariantLabException("f is " + v + " at state " + describe(variables, states[i])
                        + "; the learned function must be finite on the data (a diverged network gives NaN: retrain, "
                        + "e.g. with a lower learning rate)");
            }
            y[i] = v;
        }
        return y;
    }

    private static double[][] columns(FeatureLibrary library, double[][] states, List<String> variables) {
        double[][] columns = new double[library.size()][states.length];
        for (int m = 0; m < library.size(); m++) {
            for (int i = 0; i < states.length; i++) {
                double v = library.value(m, states[i]);
                if (!Double.isFinite(v)) {
                    Feature feature = library.column(m).feature();
                    String name = feature == null ? library.column(m).name()
                            : "feature '" + feature.name() + "' (" + feature.expression() + ")";
                    throw new InvariantLabException(name + " is " + v + " at state " + describe(variables, states[i])
                            + "; remove such states from the context (e.g. r = 0 for 1/r)");
                }
                columns[m][i] = v;
            }
        }
        return columns;
    }

    private static void checkNotConstant(double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double ss = 0;
        for (double v : y) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / y.length);
        if (sd == 0 || sd <= CONSTANT_TOLERANCE * Math.abs(mean)) {
            throw new InvariantLabException("f is constant on the " + y.length + " states (value " + mean + ", spread " + sd
                    + "), so there is no formula to read; a collapsed network gives this: retrain, or check that the "
                    + "states cover more than one value of the invariant");
        }
    }

    private static boolean anyTrue(boolean[] flags) {
        for (boolean b : flags) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    private static String describe(List<String> variables, double[] x) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < x.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(variables.get(i)).append('=').append(x[i]);
        }
        return sb.append(')').toString();
    }
}
