package org.invariantlab.core.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.Interpretation;
import org.invariantlab.api.symbolic.InterpretationContext;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.symbolic.Term;
import org.invariantlab.core.math.Linalg;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code polynomial} interpreter: reads learned functions as sparse polynomials in the state variables and
 * the system's extra features, and checks that the formula explains the network (Wetzel, Melko, Scott, Panju
 * &amp; Ganesh, Phys. Rev. Research 2, 033499, 2020; Patel &amp; Wetzel, arXiv:2409.05305, 2024).
 *
 * <p>A latent is only defined up to an unknown invertible reparametrisation {@code f = g(I)}, usually curved. Three
 * readings of the {@code k} latents are tried over a library {@code φ_m} (monomials of degree 1 to {@code D},
 * each extra feature alone, and each feature times the monomials of degree 1 to {@code P}, see
 * {@link FeatureLibrary}):
 * <ul>
 *   <li><b>gradient</b> ({@link GradientReading}): the combinations {@code Σ c_m φ_m} whose gradient direction
 *       matches the span of the network's gradients, blind to {@code g};</li>
 *   <li><b>mixing</b> ({@link JointReading}): the combinations that are polynomial functions of degree
 *       {@code latentDegree} of the latents, a low-degree model of {@code g⁻¹};</li>
 *   <li><b>linear</b> (one latent only): {@code f ≈ c_0 + Σ c_m φ_m} by sequentially thresholded least squares
 *       (Brunton, Proctor &amp; Kutz, PNAS 113, 3932, 2016), right only when {@code g} is affine.</li>
 * </ul>
 * Each is judged by how well its formula explains the network: the mean {@code |cos|} of the angle between the
 * formula's gradient and the span of the latents' gradients on the data's tangent space
 * ({@link GradientReading.Geometry#alignment}), the <em>network alignment</em> {@code a}, with misalignment
 * {@code δ = 1 − a}, and the interpretation says which reading and library it came from.
 *
 * <p><b>The library and the reading are chosen by the evidence, with a price on every term.</b> With
 * {@code degree=0} (default) the libraries {@code (D, P)} = (1, 0), (2, 0), … ({@code maxDegree}, 0) are tried, then,
 * when the system declares features, those with feature products (1, 1), (2, 1), … up to {@code products}; with
 * {@code fit=auto} every reading over each. Of all the rounded candidates the one with the smallest
 * <pre>
 *   score = ln δ + ρ·T,    ρ = ln {@value #TERM_PRICE}
 * </pre>
 * is kept, {@code T} the number of terms of its formulas: a term is bought only if it cuts the misalignment by a
 * factor {@value #TERM_PRICE} (ties go to the earlier library and the order of the readings above). Only candidates
 * that explain the network ({@code δ ≤ }{@value #EXPLAINED}) compete when there are any, and then feature products
 * only when no plain library explains it. A network is never exact; a larger library fits its errors a little
 * better (measured: Kepler at 64-64-64, the exact {@code L}, {@code E} at {@code δ = 4.2·10⁻⁴} with 5 terms against
 * a 12-term mixture at {@code 7.5·10⁻⁵}: a factor 5.6 for 7 terms, below the price 1.5⁷ = 17), while a missing true
 * term costs orders of magnitude (a cubic Hamiltonian read at degree 2: {@code δ ≈ 2·10⁻²} against {@code 10⁻⁶}). With several latents, formulas that are functions of one another (mean
 * sine of their gradients' angle below {@value #MIN_INDEPENDENCE}) count once and the missing ones as unexplained
 * ({@code δ = 1}). A fixed {@code degree} tries that degree alone.
 *
 * <p><b>Exact coefficients.</b> Each reading is normalised by its coefficient of largest magnitude (which
 * becomes {@code +1}), terms below {@code threshold} are dropped, and each coefficient becomes the simplest
 * rational within a tolerance ({@link Rational#simplestWithin}). The tolerances {@code rationalTolerance},
 * ⅖, ⅕, … of it are tried from the coarsest: the first whose formula has
 * {@code δ ≤ }{@value #RATIONAL_FACTOR}{@code ·δ_float + }{@value #RATIONAL_SLACK} is kept ({@code δ_float} that
 * of the unrounded coefficients), so that {@code 0.97} reads as {@code 1} when the network cannot tell them apart
 * and as {@code 32/33} only when it can. Symja then takes the shortest of {@code Expand}, {@code Simplify} and
 * {@code Factor} ({@link Cas#simplest}).
 *
 * <p>The result's {@code r2} is the fraction of the formula's variance on the states that a polynomial of degree
 * {@code latentDegree} in the latents explains (1: the formula is a function of the latents); its {@code terms}
 * are the unrounded coefficients of every library term (the constant as {@code 1}); {@code networkAlignment} is
 * the network alignment of the final formula; {@code reading} names the reading and library.
 *
 * <p>Several latents with {@code joint=each} read every latent alone. Coefficients are compared in the units of
 * the state variables, so thresholds are meaningful when the variables are of order one, as the systems sample
 * them. Stateless: safe to call from several threads (Symja work is serialised by {@link Cas}).
 */
public final class PolynomialInterpreter implements SymbolicInterpreter {

    /** Each library term (constant included) needs at least this many states. */
    public static final int MIN_STATES_PER_TERM = 2;

    /** Every term of a formula must cut its misalignment with the network by this factor. */
    public static final double TERM_PRICE = 1.5;

    /**
     * A candidate whose misalignment is at most this (mean angle about 8°; network alignment 0.99) explains the
     * network; when any does, only those compete, and plain libraries before feature products.
     */
    public static final double EXPLAINED = 0.01;

    /** Misalignments are floored here before the logarithm (rounding of an exact formula on exact gradients). */
    static final double MISALIGNMENT_FLOOR = 1e-12;

    /** A coarser rationalisation is kept if its misalignment is below this factor times the unrounded one, plus the slack. */
    public static final double RATIONAL_FACTOR = 1.5;

    /** Absolute misalignment rounding may add: about 0.4° of mean angle. */
    public static final double RATIONAL_SLACK = 2.5e-5;

    /**
     * A formula counts as independent of the ones kept before it when the mean sine of the angle between its
     * gradient and theirs (on the data's tangent space) is at least this; {@code EdotB²} next to {@code EdotB} has 0.
     */
    public static final double MIN_INDEPENDENCE = 0.1;

    /**
     * A conserved combination may stand for a network that is not itself conserved when it explains the network to
     * this misalignment: the loosest level at which a library is said to explain a network at all
     * ({@code GradientReading.SPAN_FACTOR · EXPLAINED}).
     */
    static final double CONSERVED_EXPLAINS = GradientReading.SPAN_FACTOR * EXPLAINED;

    /** Relative spread of f below which f counts as constant on the data. */
    static final double CONSTANT_TOLERANCE = 1e-12;

    /** The fractions of {@code rationalTolerance} tried, coarsest first. */
    private static final double[] TOLERANCE_STEPS = {1, 0.4, 0.2, 0.1, 0.04, 0.02};

    private static final Logger LOG = LoggerFactory.getLogger(PolynomialInterpreter.class);

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer("degree", 0, 0L, 6L,
                    "highest total degree of the monomials in the library; 0 = grow it until the formula explains the network"),
            ParameterSpec.integer("maxDegree", 4, 1L, 6L, "with degree=0: the largest degree tried"),
            ParameterSpec.integer("products", 1, 0L, 3L,
                    "each system feature is also multiplied with the monomials up to this degree (0: features alone)"),
            ParameterSpec.choice("fit", "auto", List.of("auto", "gradient", "mixing", "linear"),
                    "auto: the reading that explains the network best; gradient: match gradient directions "
                    + "(Patel & Wetzel 2024); mixing: polynomial functions of the latents; linear: f = c0 + sum c_m phi_m"),
            ParameterSpec.choice("method", "stlsq", List.of("stlsq", "ridge"),
                    "linear fit: stlsq = threshold and refit until stable (Brunton et al. 2016); ridge = one cut and refit"),
            ParameterSpec.real("ridge", 1e-6, 0.0, null, "linear fit: ridge penalty on standardised columns"),
            ParameterSpec.real("threshold", 0.05, 0.0, 1.0,
                    "terms with |coefficient| below this fraction of the largest are dropped"),
            ParameterSpec.real("rationalTolerance", 0.05, 0.0, 0.5,
                    "largest distance by which a normalised coefficient may move to a simple rational (0.6823 -> 2/3); "
                    + "finer tolerances are tried when the network tells them apart"),
            ParameterSpec.integer("maxSamples", 5000, 10L, null,
                    "use at most this many states (evenly spaced) for the value fits"),
            ParameterSpec.integer("gradientSamples", 1000, 10L, null,
                    "use at most this many states (evenly spaced) for the gradient reading and the network alignment"),
            ParameterSpec.choice("joint", "span", List.of("span", "each"),
                    "several latents: span = the formulas of the invariants the latents encode together; "
                    + "each = read every latent alone"),
            ParameterSpec.choice("candidates", "auto", List.of("auto", "off"),
                    "auto: when no library explains the network, try default candidate features (reciprocal norms, "
                    + "logarithms of positive variables, sines and cosines of angles) by evidence; off: never"),
            ParameterSpec.integer("latentDegree", 3, 1L, 6L,
                    "mixing reading and r2: degree of the polynomial in the latents that models their unknown mixing"));

    /** The kinds of reading, in order of preference on ties. */
    enum Fit {
        GRADIENT("gradient direction"), MIXING("function of the latents"), LINEAR("linear fit");

        final String words;

        Fit(String words) {
            this.words = words;
        }
    }

    /** Built by the host's injector. */
    public PolynomialInterpreter() {
    }

    @Override
    public String id() {
        return "polynomial";
    }

    @Override
    public String description() {
        return "sparse polynomial over monomials and the system's features, read by gradient direction, "
                + "mixing model or linear fit, the library grown until it explains the network; rationalised (Symja)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Interpretation interpret(ScalarField f, InterpretationContext context, Parameters parameters) {
        Objects.requireNonNull(f, "f");
        return read(List.of(f), context, parameters).get(0);
    }

    /**
     * Several latents: with {@code joint=span} (default) the formulas of the invariants the latents encode together,
     * at most one per latent, best first; with {@code joint=each} each latent is read alone.
     */
    @Override
    public List<Interpretation> interpretJointly(List<? extends ScalarField> fs, InterpretationContext context,
                                                 Parameters parameters) {
        Objects.requireNonNull(fs, "fs");
        if (fs.isEmpty()) {
            throw new IllegalArgumentException("nothing to interpret: no function given");
        }
        Parameters p = Parameters.resolve(id(), PARAMETERS, Objects.requireNonNull(parameters, "parameters").asText());
        if (fs.size() > 1 && p.getString("joint").equals("each")) {
            return fs.stream().map(f -> interpret(f, context, parameters)).toList();
        }
        return read(fs, context, parameters);
    }

    /**
     * One formula of a reading, rounded: its unrounded coefficients (per library column, and the intercept), the
     * normalised rational coefficients (index 0 the constant, {@code m + 1} the column {@code m}), the rounded
     * formula, and its misalignment with the network.
     */
    private record Rounded(double[] raw, double intercept, List<Rational> rationals, LibraryFormula formula,
                           double misalignment) {
    }

    /** One library tried, with the best reading over it: its rounded, mutually independent formulas. */
    private record Stage(FeatureLibrary library, Fit fit, List<Rounded> formulas, double misalignment) {

        /** Number of non-zero terms of the formulas, the constant not counted. */
        int terms() {
            int t = 0;
            for (Rounded r : formulas) {
                for (int m = 1; m < r.rationals().size(); m++) {
                    t += r.rationals().get(m).isZero() ? 0 : 1;
                }
            }
            return t;
        }

        /** {@code ln δ + ρ·T}: lower is better. */
        double score() {
            return Math.log(Math.max(MISALIGNMENT_FLOOR, misalignment)) + Math.log(TERM_PRICE) * terms();
        }
    }

    private List<Interpretation> read(List<? extends ScalarField> fs, InterpretationContext context, Parameters parameters) {
        Objects.requireNonNull(context, "context");
        Parameters p = Parameters.resolve(id(), PARAMETERS, Objects.requireNonNull(parameters, "parameters").asText());
        long start = System.nanoTime();
        StateSpace space = context.stateSpace();
        List<String> variables = space.variables();
        int k = fs.size();
        if (k != 1 && p.getString("fit").equals("linear")) {
            // a linear fit reads one latent as c0 + Σ c_m φ_m; k latents are a mixture it cannot undo
            throw new org.invariantlab.api.InvalidInputException("fit=linear reads one latent as c0 + Σ c_m·φ_m, but "
                    + "this network has " + k + " latents (each a function of all the invariants); use fit=auto (the "
                    + "default), gradient or mixing, which read them together");
        }
        double[][] states = sample(context, p.getInt("maxSamples"));
        List<FeatureLibrary> all = libraries(space, context.features(), p);
        // with the degree chosen by the evidence, libraries larger than the states can support are not tried
        List<FeatureLibrary> libraries = all.stream()
                .filter(l -> (long) MIN_STATES_PER_TERM * (l.size() + 1) <= states.length).toList();
        if (libraries.isEmpty()) {
            checkEnoughStates(all.get(0), context, states.length, p.getInt("maxSamples"));
        }
        FeatureLibrary largest = libraries.get(libraries.size() - 1);
        double[][] latents = new double[k][];
        for (int j = 0; j < k; j++) {
            latents[j] = values(Objects.requireNonNull(fs.get(j), "function"), states, variables);
            checkNotConstant(latents[j]);
        }
        double[][] gradientStates = sample(context, Math.min(p.getInt("gradientSamples"), states.length));
        double[][][] gradients = new double[gradientStates.length][k][];
        for (int i = 0; i < gradientStates.length; i++) {
            for (int j = 0; j < k; j++) {
                gradients[i][j] = gradient(fs.get(j), gradientStates[i], variables);
            }
        }
        GradientReading.Geometry geometry = GradientReading.Geometry.of(gradientStates, gradients, largest,
                context.groups());

        Stage chosen = search(libraries, states, latents, geometry, p);
        if (chosen == null) {
            throw new InvariantLabException("no library term varies with the learned function on these "
                    + states.length + " states, so there is no formula to read; check that the network learned "
                    + "something (retrain) or raise maxDegree");
        }
        if ((chosen.misalignment() > EXPLAINED || chosen.library().degree() >= TAYLOR_DEGREE)
                && p.getString("candidates").equals("auto")) {
            chosen = withCandidates(chosen, space, context.features(), states, latents, geometry, p);
        }
        double[][][] grouped = grouped(context, MAX_POLISH_GROUPS);
        List<Rounded> rounded = new ArrayList<>();
        List<ScalarField> kept = new ArrayList<>();
        for (Rounded r : chosen.formulas()) {
            Rounded polished = grouped == null ? r : polish(r, chosen.library(), grouped, geometry,
                    p.getDouble("rationalTolerance"));
            // polishing is free along conserved directions of its support (y^2+py^2 plus any multiple of L is as
            // constant on the groups): it must not fold one formula of the basis onto a function of the others (a
            // Kepler reading became L and L^2), which the reading itself never keeps (MIN_INDEPENDENCE)
            if (polished != r && geometry.independence(polished.formula(), kept) < MIN_INDEPENDENCE) {
                polished = r;
            }
            kept.add(polished.formula());
            rounded.add(polished);
        }
        if (grouped != null) {
            Conserved c = conserved(rounded, chosen.library(), grouped, geometry, p);
            if (c.conserved() < rounded.size() && p.getString("candidates").equals("auto")) {
                Widened widened = conservedWithCandidates(chosen, c, space, context.features(), states, grouped,
                        geometry, p);
                if (widened != null) {
                    chosen = widened.stage();
                    c = widened.conserved();
                }
            }
            rounded = c.readings();
            if (rounded.size() > 1) {
                rounded = simplestBasis(rounded, chosen.library(), grouped, geometry, c.cut());
            }
        }
        List<Interpretation> out = new ArrayList<>();
        for (Rounded r : rounded) {
            out.add(readable(chosen, r, latents, states, variables, p));
        }
        out.sort((a, b) -> Double.compare(b.networkAlignment(), a.networkAlignment()));
        LOG.debug("polynomial reading of {} latent(s): {} ({}) from {} states in {} ms", k,
                out.stream().map(Interpretation::expression).toList(), out.get(0).reading(), states.length,
                (System.nanoTime() - start) / 1_000_000);
        return out;
    }

    /**
     * The best stage over {@code libraries}: of every reading over each, the one with the smallest score, among those
     * that explain the network when there are any (and then plain libraries before feature products); {@code null}
     * when no library has anything to say.
     */
    private static Stage search(List<FeatureLibrary> libraries, double[][] states, double[][] latents,
                                GradientReading.Geometry geometry, Parameters p) {
        String fitChoice = p.getString("fit");
        List<Stage> stages = new ArrayList<>();
        for (FeatureLibrary library : libraries) {
            double[][] columns = columns(library, states, library.space().variables());
            Stage best = null;
            for (Fit fit : Fit.values()) {
                if (!fitChoice.equals("auto") && !fitChoice.equals(fit.name().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                Stage stage = fit(fit, library, columns, latents, geometry, p);
                if (stage != null && (best == null || stage.score() < best.score())) {
                    best = stage;
                }
            }
            if (best != null) {
                stages.add(best);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("library degree {} products {}: {} reading, misalignment {}, score {} of {}",
                            library.degree(), library.productDegree(), best.fit(), best.misalignment(), best.score(),
                            best.formulas().stream().map(f -> plain(library, f.rationals())).toList());
                }
            }
        }
        if (stages.isEmpty()) {
            return null;
        }
        List<Stage> pool = stages;
        List<Stage> explaining = pool.stream().filter(st -> st.misalignment() <= EXPLAINED).toList();
        if (!explaining.isEmpty()) {
            List<Stage> plain = explaining.stream().filter(st -> st.library().productDegree() == 0).toList();
            pool = plain.isEmpty() ? explaining : plain;
        }
        Stage chosen = pool.get(0);
        for (Stage stage : pool) {
            if (stage.score() < chosen.score()) {
                chosen = stage;
            }
        }
        return chosen;
    }

    /**
     * A polynomial reading of this degree or more may be the Taylor expansion of a simpler function (a pendulum's
     * {@code 1 − q²/2 + q⁴/24} for {@code Cos(q)}): the candidate features are tried then too, even when it explains
     * the network.
     */
    static final int TAYLOR_DEGREE = 3;

    /**
     * Candidates are tried with monomials up to this degree (and feature products up to degree 1): the conserved
     * quantities they exist for are of low degree in the rest (a pendulum's {@code p²/2 − Cos q}, a Kepler energy
     * {@code v²/2 − 1/r}, a population model's {@code aR + bF + c Log R + d Log F}), and the search stays affordable
     * (each candidate repeats the library search).
     */
    static final int CANDIDATE_DEGREE = 2;

    /** At most this many candidate groups are tried (the first in the order of {@link CandidateFeatures#groups}). */
    static final int MAX_CANDIDATE_GROUPS = 24;

    /** At most this many candidate features are admitted. */
    static final int MAX_CANDIDATES_ADMITTED = 3;

    /**
     * When no library explains the network, the default candidate features ({@link CandidateFeatures}) are tried by
     * evidence, greedily: each round adds the candidate whose libraries give the lowest score {@code ln δ + ρ·T}, if
     * that lowers the score of the reading so far; at most {@value #MAX_CANDIDATES_ADMITTED} are admitted. A candidate
     * pays for its own terms like any other (a feature is one term), so none is admitted that does not buy its price.
     */
    private Stage withCandidates(Stage current, StateSpace space, List<Feature> given, double[][] states,
                                 double[][] latents, GradientReading.Geometry geometry, Parameters p) {
        List<Feature> admitted = new ArrayList<>(given);
        List<List<Feature>> all = CandidateFeatures.groups(space, states, given);
        List<List<Feature>> pool = new ArrayList<>(all.subList(0, Math.min(all.size(), MAX_CANDIDATE_GROUPS)));
        Stage best = current;
        for (int round = 0; round < MAX_CANDIDATES_ADMITTED && !pool.isEmpty(); round++) {
            Stage roundBest = null;
            List<Feature> pick = null;
            for (List<Feature> c : pool) {
                if (admitted.containsAll(c)) {
                    continue;
                }
                List<Feature> trial = new ArrayList<>(admitted);
                c.stream().filter(f -> !admitted.contains(f)).forEach(trial::add);
                Stage s = search(libraries(space, trial, p).stream()
                        .filter(l -> l.degree() <= CANDIDATE_DEGREE && l.productDegree() <= 1
                                && (long) MIN_STATES_PER_TERM * (l.size() + 1) <= states.length).toList(),
                        states, latents, geometry, p);
                if (s != null && (roundBest == null || s.score() < roundBest.score())) {
                    roundBest = s;
                    pick = c;
                }
            }
            if (roundBest == null || !(roundBest.score() < best.score())
                    || latents.length > 1 && explained(roundBest) <= explained(best)) {
                // with several latents, a feature must make another reading explain the network: a lower average
                // cost alone may come from fitting a latent that is not an invariant at all
                break;
            }
            LOG.debug("candidate features {} admitted: score {} -> {}", pick.stream().map(Feature::expression).toList(),
                    best.score(), roundBest.score());
            best = roundBest;
            pick.stream().filter(f -> !admitted.contains(f)).forEach(admitted::add);
            pool.remove(pick);
            if (best.misalignment() <= EXPLAINED) {
                break;
            }
        }
        return best;
    }

    /** How many of the stage's formulas explain the network ({@code δ ≤ }{@value #EXPLAINED}). */
    private static int explained(Stage stage) {
        return (int) stage.formulas().stream().filter(r -> r.misalignment() <= EXPLAINED).count();
    }

    /** The libraries to try: monomials and features alone by degree, then with feature products, by size. */
    private static List<FeatureLibrary> libraries(StateSpace space, List<Feature> features, Parameters p) {
        int fixed = p.getInt("degree");
        int from = fixed == 0 ? 1 : fixed;
        int to = fixed == 0 ? p.getInt("maxDegree") : fixed;
        int products = features.isEmpty() ? 0 : p.getInt("products");
        List<FeatureLibrary> out = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            out.add(new FeatureLibrary(space, features, d, 0));
        }
        List<FeatureLibrary> withProducts = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            for (int q = 1; q <= Math.min(products, d); q++) {
                withProducts.add(new FeatureLibrary(space, features, d, q));
            }
        }
        withProducts.sort((a, b) -> Integer.compare(a.size(), b.size()));
        out.addAll(withProducts);
        return out;
    }

    /** One kind of reading over one library, with its misalignment; {@code null} if it has nothing to say. */
    private static Stage fit(Fit fit, FeatureLibrary library, double[][] columns, double[][] latents,
                             GradientReading.Geometry geometry, Parameters p) {
        int k = latents.length;
        double threshold = p.getDouble("threshold");
        List<double[]> coefficients = new ArrayList<>();
        double[] intercepts = new double[k];
        switch (fit) {
            case GRADIENT -> GradientReading.read(geometry, library, k, threshold)
                    .forEach(r -> coefficients.add(r.coefficients()));
            case MIXING -> {
                boolean[] usable = new SparseRegression(columns, latents[0]).usableColumns();
                if (!anyTrue(usable)) {
                    return null;
                }
                JointReading.read(columns, usable, latents, p.getInt("latentDegree"))
                        .forEach(r -> coefficients.add(r.coefficients()));
            }
            case LINEAR -> {
                if (k != 1) {
                    return null;
                }
                SparseRegression regression = new SparseRegression(columns, latents[0]);
                if (!anyTrue(regression.usableColumns())) {
                    return null;
                }
                int refits = p.getString("method").equals("stlsq") ? library.size() + 1 : 1;
                SparseRegression.Fit f = regression.thresholded(threshold, p.getDouble("ridge"), refits);
                if (f.leading() < 0) {
                    return null;
                }
                coefficients.add(f.coefficients());
                intercepts[0] = f.intercept();
            }
            default -> throw new IllegalStateException("unknown reading " + fit);
        }
        if (coefficients.isEmpty()) {
            return null;
        }
        List<Rounded> rounded = new ArrayList<>();
        for (int j = 0; j < coefficients.size(); j++) {
            Rounded r = round(library, coefficients.get(j), intercepts[j], geometry, p);
            if (r != null) {
                rounded.add(r);
            }
        }
        rounded.sort((a, b) -> Double.compare(a.misalignment(), b.misalignment()));
        // formulas that are functions of one another (EdotB and EdotB^2) count once: the others are missing
        List<Rounded> independent = new ArrayList<>();
        List<ScalarField> kept = new ArrayList<>();
        for (Rounded r : rounded) {
            if (independent.size() < k && geometry.independence(r.formula(), kept) >= MIN_INDEPENDENCE) {
                independent.add(r);
                kept.add(r.formula());
            }
        }
        if (independent.isEmpty()) {
            return null;
        }
        double sum = k - independent.size();
        for (Rounded r : independent) {
            sum += r.misalignment();
        }
        return new Stage(library, fit, List.copyOf(independent), sum / k);
    }

    /**
     * A reading's coefficients made exact: normalised by the largest (which becomes +1), terms below
     * {@code threshold} dropped, each the simplest rational at the coarsest tolerance the network accepts;
     * {@code null} when nothing is left.
     */
    private static Rounded round(FeatureLibrary library, double[] c, double intercept, GradientReading.Geometry geometry,
                                 Parameters p) {
        int size = library.size();
        int lead = -1;
        for (int m = 0; m < size; m++) {
            if (c[m] != 0 && (lead < 0 || Math.abs(c[m]) > Math.abs(c[lead]))) {
                lead = m;
            }
        }
        if (lead < 0) {
            return null;
        }
        double threshold = p.getDouble("threshold");
        double[] normalised = new double[size + 1];
        normalised[0] = intercept / c[lead];
        for (int m = 0; m < size; m++) {
            normalised[m + 1] = c[m] / c[lead];
        }
        for (int m = 0; m <= size; m++) {
            if (Math.abs(normalised[m]) < threshold) {
                normalised[m] = 0;
            }
        }
        double floatMisalignment = 1 - geometry.alignment(new LibraryFormula(library, normalised[0],
                Arrays.copyOfRange(normalised, 1, size + 1), "unrounded"));
        double maxTolerance = p.getDouble("rationalTolerance");
        Rounded out = null;
        for (double step : TOLERANCE_STEPS) {
            List<Rational> candidate = new ArrayList<>(size + 1);
            for (double v : normalised) {
                candidate.add(Rational.simplestWithin(v, maxTolerance * step));
            }
            double[] a = new double[size];
            boolean any = false;
            for (int m = 0; m < size; m++) {
                a[m] = candidate.get(m + 1).doubleValue();
                any |= a[m] != 0;
            }
            if (!any) {
                continue;
            }
            LibraryFormula formula = new LibraryFormula(library, candidate.get(0).doubleValue(), a, "rational");
            out = new Rounded(c, intercept, candidate, formula, 1 - geometry.alignment(formula));
            if (out.misalignment() <= RATIONAL_FACTOR * floatMisalignment + RATIONAL_SLACK) {
                break;
            }
        }
        return out;
    }

    /** At most this many groups of the context are used to polish coefficients. */
    static final int MAX_POLISH_GROUPS = 1000;

    /**
     * The context's states as groups ({@code groups × members × d}) when it says how many groups it holds and they
     * divide its states evenly (group after group, as the runner and the counter pass them); {@code null} otherwise.
     */
    private static double[][][] grouped(InterpretationContext context, int maxGroups) {
        int g = context.groups();
        int n = context.size();
        if (g < 2 || n % g != 0 || n / g < 2) {
            return null;
        }
        int members = n / g;
        int d = context.stateSpace().dimension();
        double[] flat = context.states();
        int used = Math.min(g, maxGroups);
        double[][][] out = new double[used][members][d];
        for (int k = 0; k < used; k++) {
            int group = (int) ((long) k * g / used);
            for (int j = 0; j < members; j++) {
                System.arraycopy(flat, (group * members + j) * d, out[k][j], 0, d);
            }
        }
        return out;
    }

    /**
     * Polishes a formula's coefficients on the groups, keeping its terms (Wetzel's invariants are constant on groups,
     * whatever the network's small errors): with the leading term's coefficient held at 1, the others minimise the
     * variance of the formula within groups,
     * <pre>
     *   min_c Σ_g Σ_i (F(x_gi) − F̄_g)²,   F = φ_lead + Σ_{m ≠ lead} c_m φ_m   (m in the formula's terms),
     * </pre>
     * a linear least-squares problem; the coefficients are then made rational at the coarsest tolerance whose
     * within-group spread stays within {@value #RATIONAL_FACTOR} of the unrounded one. The polished formula replaces
     * the network's reading only when it is more constant on the groups and still explains the network
     * ({@code δ ≤ max(}{@value #EXPLAINED}{@code , }{@value #RATIONAL_FACTOR}{@code ·δ + }{@value #RATIONAL_SLACK}{@code )}):
     * the network picks the terms, the data fix the numbers ({@code 0.294·R} read as {@code 3/10·R}).
     */
    private static Rounded polish(Rounded r, FeatureLibrary library, double[][][] grouped,
                                  GradientReading.Geometry geometry, double rationalTolerance) {
        int size = library.size();
        List<Integer> support = new ArrayList<>();
        int lead = -1;
        for (int m = 0; m < size; m++) {
            Rational q = r.rationals().get(m + 1);
            if (!q.isZero()) {
                support.add(m);
                if (lead < 0 || Math.abs(q.doubleValue()) > Math.abs(r.rationals().get(lead + 1).doubleValue())) {
                    lead = m;
                }
            }
        }
        if (support.size() < 2) {
            return r;
        }
        int leadTerm = lead;
        List<Integer> free = support.stream().filter(m -> m != leadTerm).toList();
        int f = free.size();
        double[][] ata = new double[f][f];
        double[] atb = new double[f];
        for (double[][] group : grouped) {
            int members = group.length;
            double[][] phi = new double[members][support.size() + 1];
            double[] mean = new double[f + 1];
            for (int j = 0; j < members; j++) {
                phi[j][0] = library.value(lead, group[j]);
                for (int a = 0; a < f; a++) {
                    phi[j][a + 1] = library.value(free.get(a), group[j]);
                }
                for (int a = 0; a <= f; a++) {
                    mean[a] += phi[j][a] / members;
                }
            }
            for (int j = 0; j < members; j++) {
                double b = phi[j][0] - mean[0];
                for (int a = 0; a < f; a++) {
                    double ua = phi[j][a + 1] - mean[a + 1];
                    atb[a] -= ua * b;
                    for (int c = 0; c <= a; c++) {
                        double uc = phi[j][c + 1] - mean[c + 1];
                        ata[a][c] += ua * uc;
                    }
                }
            }
        }
        for (int a = 0; a < f; a++) {
            for (int c = 0; c < a; c++) {
                ata[c][a] = ata[a][c];
            }
        }
        double[] x;
        try {
            x = Linalg.solveSymmetric(ata, atb);
        } catch (RuntimeException e) {
            return r;
        }
        double[] coefficients = new double[size];
        coefficients[lead] = 1;
        for (int a = 0; a < f; a++) {
            if (!Double.isFinite(x[a])) {
                return r;
            }
            coefficients[free.get(a)] = x[a];
        }
        double floatSpread = withinSpread(library, coefficients, grouped, geometry);
        Rounded best = null;
        double bestSpread = Double.NaN;
        for (double step : TOLERANCE_STEPS) {
            List<Rational> candidate = new ArrayList<>(size + 1);
            candidate.add(Rational.ZERO);
            double[] a = new double[size];
            for (int m = 0; m < size; m++) {
                Rational q = coefficients[m] == 0 ? Rational.ZERO : Rational.simplestWithin(coefficients[m],
                        rationalTolerance * step);
                candidate.add(q);
                a[m] = q.doubleValue();
            }
            double spread = withinSpread(library, a, grouped, geometry);
            LibraryFormula formula = new LibraryFormula(library, 0, a, "polished");
            best = new Rounded(r.raw(), r.intercept(), candidate, formula, 1 - geometry.alignment(formula));
            bestSpread = spread;
            if (spread <= RATIONAL_FACTOR * floatSpread + 1e-14) {
                break;
            }
        }
        double originalSpread = withinSpread(library, coefficientsOf(r, size), grouped, geometry);
        boolean explains = best.misalignment() <= Math.max(EXPLAINED, RATIONAL_FACTOR * r.misalignment() + RATIONAL_SLACK);
        return bestSpread < originalSpread && explains ? best : r;
    }

    /**
     * Readings that are not conserved on the groups, replaced by a conserved combination that explains the network as
     * well ({@link ConservedSubspace}). A network that is conserved only approximately (a deflation stage trained to a
     * loss of 10⁻³) reads as a conserved quantity plus terms that follow its errors ({@code L − x/(8r) + vy/9}); when
     * the library has a subspace the groups say is conserved, the combinations of it whose gradients lie closest to
     * the networks' span are the candidates ({@link GradientReading#alignedWithin}): their sparse vectors
     * ({@link SparseBasis#candidates}), rounded and polished on the groups as any reading is. A candidate replaces the
     * reading when its spread is below the subspace's cut, it explains the networks as well as the reading did
     * ({@code δ ≤ max(}{@value #EXPLAINED}{@code , }{@value #RATIONAL_FACTOR}{@code ·δ + }{@value #RATIONAL_SLACK}{@code )})
     * and it is functionally independent of the formulas kept before it; of those, the simplest (terms, degree,
     * variables, then δ). Otherwise the reading stays as it was, and its verdict says it is not conserved.
     */
    private static Conserved conserved(List<Rounded> readings, FeatureLibrary library, double[][][] grouped,
                                       GradientReading.Geometry geometry, Parameters p) {
        Optional<ConservedSubspace> found = ConservedSubspace.of(library, grouped);
        LOG.debug("conserved subspace of the library on {} groups: {}", grouped.length,
                found.map(Object::toString).orElse("none"));
        if (found.isEmpty()) {
            return new Conserved(readings, 0, 0);
        }
        ConservedSubspace subspace = found.get();
        int size = library.size();
        double[] spreads = readings.stream()
                .mapToDouble(r -> withinSpread(library, coefficientsOf(r, size), grouped, geometry))
                .toArray();
        if (Arrays.stream(spreads).allMatch(v -> v <= subspace.cut())) {
            return new Conserved(readings, readings.size(), subspace.cut());
        }
        List<GradientReading.Direction> directions = GradientReading.alignedWithin(geometry, library, subspace.basis());
        List<Rounded> out = new ArrayList<>(readings);
        List<ScalarField> kept = new ArrayList<>();
        for (int j = 0; j < readings.size(); j++) {
            if (spreads[j] <= subspace.cut()) {
                kept.add(readings.get(j).formula());
            }
        }
        for (int j = 0; j < readings.size(); j++) {
            Rounded r = readings.get(j);
            if (spreads[j] <= subspace.cut()) {
                continue;
            }
            Rounded best = null;
            // the best-aligned conserved direction first, then the plane of the two best, and so on: the first span
            // that holds an admissible formula gives its simplest one
            for (int t = 1; t <= directions.size() && best == null; t++) {
                if (directions.get(t - 1).quotient() > 2 * CONSERVED_EXPLAINS) { // 1 − |cos| ≈ sin²/2
                    break;
                }
                double[][] near = new double[t][];
                for (int i = 0; i < t; i++) {
                    near[i] = directions.get(i).coefficients();
                }
                List<double[]> candidates = new ArrayList<>(List.of(near));
                candidates.addAll(SparseBasis.candidates(near));
                best = simplestConserved(candidates, library, grouped, geometry, p, subspace.cut(), kept);
            }
            LOG.debug("{} (spread {} on the groups): {}", plain(library, r.rationals()), spreads[j],
                    best == null ? "no conserved combination explains the network" : "conserved " + plain(library,
                            best.rationals()));
            if (best != null) {
                out.set(j, best);
                kept.add(best.formula());
            }
        }
        return new Conserved(out, kept.size(), subspace.cut());
    }

    /**
     * Readings after the conserved step, how many of them are conserved on the groups, and the spread below which a
     * combination is (the subspace's cut; 0 when the groups showed no conserved subspace).
     */
    private record Conserved(List<Rounded> readings, int conserved, double cut) {
    }

    /**
     * The conserved step again over the chosen library widened by each block of candidate features
     * ({@link CandidateFeatures#groups}): when a network is only approximately conserved, its faithful reading may not
     * need the feature (a degree-2 polynomial follows the network of a Toda stage to 0.998), while the conserved
     * quantity it approximates does ({@code Σ p²/2 + Σ Exp(q_i − q_{i+1})}). A block is admitted when the groups'
     * conserved subspace over the widened library lets more of the readings be conserved ones; the widened library is
     * the largest of at most {@value ConservedSubspace#MAX_COLUMNS} columns (degree up to {@value #TAYLOR_DEGREE},
     * features times monomials up to degree 1) that holds every column of the chosen one. {@code null} when no block
     * does better.
     */
    private Widened conservedWithCandidates(Stage chosen, Conserved current, StateSpace space, List<Feature> given,
                                          double[][] states, double[][][] grouped, GradientReading.Geometry geometry,
                                          Parameters p) {
        FeatureLibrary base = chosen.library();
        java.util.Set<String> baseColumns = new java.util.HashSet<>();
        for (int m = 0; m < base.size(); m++) {
            baseColumns.add(base.column(m).name());
        }
        List<List<Feature>> blocks = CandidateFeatures.groups(space, states, given);
        Conserved best = current;
        FeatureLibrary bestLibrary = null;
        for (List<Feature> block : blocks.subList(0, Math.min(blocks.size(), MAX_CANDIDATE_GROUPS))) {
            List<Feature> trial = new ArrayList<>(base.features());
            block.stream().filter(f -> trial.stream().noneMatch(g -> g.expression().equals(f.expression())))
                    .forEach(trial::add);
            if (trial.size() == base.features().size()) {
                continue;
            }
            FeatureLibrary widened = null;
            for (FeatureLibrary l : libraries(space, trial, p)) {
                if (l.size() <= ConservedSubspace.MAX_COLUMNS && l.productDegree() <= 1
                        && l.degree() <= Math.max(base.degree(), TAYLOR_DEGREE)
                        && (long) MIN_STATES_PER_TERM * (l.size() + 1) <= states.length
                        && (widened == null || l.size() > widened.size()) && holds(l, baseColumns)) {
                    widened = l;
                }
            }
            if (widened == null) {
                continue;
            }
            List<Rounded> mapped = new ArrayList<>();
            for (Rounded r : current.readings()) {
                mapped.add(widen(r, base, widened));
            }
            Conserved c = conserved(mapped, widened, grouped, geometry, p);
            if (c.conserved() > best.conserved()) {
                best = c;
                bestLibrary = widened;
            }
        }
        if (bestLibrary == null) {
            return null;
        }
        LOG.debug("candidate features {} admitted by the groups: {} of {} readings conserved",
                bestLibrary.features().stream().map(Feature::expression).toList(), best.conserved(),
                best.readings().size());
        return new Widened(new Stage(bestLibrary, chosen.fit(), best.readings(), chosen.misalignment()), best);
    }

    /** The chosen stage over a widened library, and its conserved readings. */
    private record Widened(Stage stage, Conserved conserved) {
    }

    private static boolean holds(FeatureLibrary library, java.util.Set<String> columns) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int m = 0; m < library.size(); m++) {
            names.add(library.column(m).name());
        }
        return names.containsAll(columns);
    }

    /** A reading over {@code from} re-expressed over {@code to}, which holds every column of {@code from}. */
    private static Rounded widen(Rounded r, FeatureLibrary from, FeatureLibrary to) {
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int m = 0; m < to.size(); m++) {
            index.put(to.column(m).name(), m);
        }
        double[] raw = new double[to.size()];
        double[] a = new double[to.size()];
        List<Rational> rationals = new ArrayList<>(java.util.Collections.nCopies(to.size() + 1, Rational.ZERO));
        rationals.set(0, r.rationals().get(0));
        for (int m = 0; m < from.size(); m++) {
            int t = index.get(from.column(m).name());
            raw[t] = r.raw()[m];
            rationals.set(t + 1, r.rationals().get(m + 1));
            a[t] = rationals.get(t + 1).doubleValue();
        }
        LibraryFormula formula = new LibraryFormula(to, rationals.get(0).doubleValue(), a, r.formula().toString());
        return new Rounded(raw, r.intercept(), rationals, formula, r.misalignment());
    }

    /**
     * Of {@code candidates}, rounded and polished as readings are, the simplest (terms, degree, variables, then δ) that
     * is conserved on the groups (spread at most {@code cut}), explains the network ({@code δ ≤}
     * {@value #CONSERVED_EXPLAINS}) and is functionally independent of {@code kept}; {@code null} when none is.
     */
    private static Rounded simplestConserved(List<double[]> candidates, FeatureLibrary library, double[][][] grouped,
                                             GradientReading.Geometry geometry, Parameters p, double cut,
                                             List<ScalarField> kept) {
        int size = library.size();
        Rounded best = null;
        int[] bestComplexity = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (double[] c : candidates) {
            Rounded candidate = round(library, c, 0, geometry, p);
            if (candidate == null) {
                continue;
            }
            candidate = polish(candidate, library, grouped, geometry, p.getDouble("rationalTolerance"));
            double[] a = coefficientsOf(candidate, size);
            if (!seen.add(candidate.rationals().subList(1, size + 1).toString())
                    || candidate.misalignment() > CONSERVED_EXPLAINS
                    || withinSpread(library, a, grouped, geometry) > cut
                    || geometry.independence(candidate.formula(), kept) < MIN_INDEPENDENCE) {
                continue;
            }
            int[] complexity = SparseBasis.complexity(library, IntStream.range(0, size).filter(m -> a[m] != 0).toArray());
            int order = best == null ? -1 : Arrays.compare(complexity, bestComplexity);
            if (order < 0 || order == 0 && candidate.misalignment() < best.misalignment()) {
                best = candidate;
                bestComplexity = complexity;
            }
        }
        return best;
    }

    /**
     * The exact readings reorganised as the simplest basis of their span ({@link ExactBasis}): a reading that is kept
     * (up to scale) stays as it was; a new element has no constant, its largest coefficient +1, and its misalignment
     * with the network measured afresh.
     */
    private static List<Rounded> simplestBasis(List<Rounded> readings, FeatureLibrary library, double[][][] grouped,
                                               GradientReading.Geometry geometry, double floor) {
        int size = library.size();
        List<Rational[]> vectors = new ArrayList<>();
        for (Rounded r : readings) {
            vectors.add(r.rationals().subList(1, size + 1).toArray(Rational[]::new));
        }
        List<Rational[]> basis = ExactBasis.simplest(vectors, library, c -> withinSpread(library, c, grouped, geometry),
                floor);
        List<Rounded> out = new ArrayList<>();
        for (Rational[] b : basis) {
            Rounded same = null;
            for (int i = 0; i < readings.size() && same == null; i++) {
                if (RationalSpan.of(List.<Rational[]>of(vectors.get(i)), size).contains(b)) {
                    same = readings.get(i);
                }
            }
            if (same != null) {
                out.add(same);
                continue;
            }
            int lead = 0;
            for (int m = 1; m < size; m++) {
                if (b[m].abs().compareTo(b[lead].abs()) > 0) {
                    lead = m;
                }
            }
            List<Rational> rationals = new ArrayList<>(size + 1);
            rationals.add(Rational.ZERO);
            double[] a = new double[size];
            for (int m = 0; m < size; m++) {
                Rational q = b[m].divide(b[lead]);
                rationals.add(q);
                a[m] = q.doubleValue();
            }
            LibraryFormula formula = new LibraryFormula(library, 0, a, "basis");
            out.add(new Rounded(a, 0, rationals, formula, 1 - geometry.alignment(formula)));
        }
        if (out.size() == readings.size() && readings.containsAll(out)) {
            return readings; // every reading kept as it was: their order too
        }
        LOG.debug("exact readings {} rewritten as the simplest basis of their span: {}",
                readings.stream().map(r -> plain(library, r.rationals())).toList(),
                out.stream().map(r -> plain(library, r.rationals())).toList());
        return out;
    }

    private static double[] coefficientsOf(Rounded r, int size) {
        double[] a = new double[size];
        for (int m = 0; m < size; m++) {
            a[m] = r.rationals().get(m + 1).doubleValue();
        }
        return a;
    }

    /** The formula's variance within groups over its variance on all their states. */
    private static double withinSpread(FeatureLibrary library, double[] coefficients, double[][][] grouped,
                                       GradientReading.Geometry geometry) {
        double[] values = geometry.values(library, coefficients, grouped);
        double within = 0;
        double sum = 0;
        double squares = 0;
        int n = 0;
        int at = 0;
        for (double[][] group : grouped) {
            double mean = 0;
            for (int j = 0; j < group.length; j++) {
                mean += values[at + j] / group.length;
            }
            for (int j = 0; j < group.length; j++) {
                double value = values[at + j];
                within += (value - mean) * (value - mean);
                sum += value;
                squares += value * value;
                n++;
            }
            at += group.length;
        }
        double total = squares - sum * sum / n;
        return total > 0 ? within / total : Double.POSITIVE_INFINITY;
    }

    /** The rounded formula as a plain sum, before Symja, for logs. */
    private static String plain(FeatureLibrary library, List<Rational> rationals) {
        StringBuilder sb = new StringBuilder(rationals.get(0).isZero() ? "" : rationals.get(0).toString());
        for (int m = 0; m < library.size(); m++) {
            if (!rationals.get(m + 1).isZero()) {
                sb.append(sb.length() == 0 ? "" : " + ").append(rationals.get(m + 1)).append('*')
                        .append(library.column(m).symjaFactor());
            }
        }
        return sb.toString();
    }

    /** A rounded formula of the chosen stage, simplified by Symja, as an interpretation. */
    private static Interpretation readable(Stage stage, Rounded rounded, double[][] latents, double[][] states,
                                           List<String> variables, Parameters p) {
        FeatureLibrary library = stage.library();
        int size = library.size();
        List<Rational> rationals = rounded.rationals();
        StringBuilder expression = new StringBuilder();
        if (!rationals.get(0).isZero()) {
            expression.append('(').append(rationals.get(0)).append(')');
        }
        double[] formulaCoefficients = new double[size];
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
        SymbolicForm form = Cas.simplest(expression.toString(), variables);
        List<Term> terms = new ArrayList<>(size + 1);
        terms.add(new Term("1", rounded.intercept()));
        for (int m = 0; m < size; m++) {
            terms.add(new Term(library.column(m).name(), rounded.raw()[m]));
        }
        ScalarField formula = new LibraryFormula(library, rationals.get(0).doubleValue(), formulaCoefficients,
                form.expression());
        double[] values = new double[states.length];
        for (int i = 0; i < states.length; i++) {
            values[i] = formula.value(states[i].clone());
        }
        double r2 = 1 - JointReading.unexplained(values, latents, p.getInt("latentDegree"));
        String reading = stage.fit().words + ", degree " + library.degree()
                + (library.productDegree() > 0 ? ", features times monomials up to degree " + library.productDegree() : "");
        return new Interpretation(form.expression(), form.latex(), r2, terms, formula, reading,
                1 - rounded.misalignment());
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

    private static double[] gradient(ScalarField f, double[] x, List<String> variables) {
        double[] g = f.gradient(x.clone());
        for (double v : g) {
            if (!Double.isFinite(v)) {
                throw new InvariantLabException("the gradient of f is not finite at state " + describe(variables, x)
                        + "; the learned function must be smooth on the data (a diverged network gives NaN: retrain, "
                        + "e.g. with a lower learning rate)");
            }
        }
        return g;
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
