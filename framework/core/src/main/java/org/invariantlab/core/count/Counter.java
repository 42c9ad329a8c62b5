package org.invariantlab.core.count;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.count.CountedQuantity;
import org.invariantlab.api.count.CountingMethod;
import org.invariantlab.api.count.CountingOutcome;
import org.invariantlab.api.count.CountingProblem;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.Interpretation;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.api.training.GradientLoss;
import org.invariantlab.core.math.Linalg;
import org.invariantlab.core.job.FormulaReport;
import org.invariantlab.core.job.Heartbeat;
import org.invariantlab.core.job.JobListener;
import org.invariantlab.core.score.FormulaCheck;
import org.invariantlab.core.score.Scorer;
import org.invariantlab.core.score.Scores;
import org.invariantlab.core.score.ScoringOptions;
import org.invariantlab.core.train.Encoder;
import org.invariantlab.core.train.EncoderConfig;
import org.invariantlab.core.train.GradientTrainer;
import org.invariantlab.core.train.TrainingConfig;
import org.invariantlab.core.verdict.SetVerdict;

/**
 * Counts the independent conserved quantities of a dynamical system, and those in involution, from its vector
 * field {@code h(x)} on states along its trajectories.
 *
 * <ul>
 *   <li>{@code svd} (AI Poincaré 2.0, Liu, Madhavan, Tegmark, PRE 106, 045307 (2022)): {@code K} outputs trained
 *       jointly with {@code gradient-orthogonality}; per test state the singular values of the {@code K × d}
 *       matrix of unit gradients; the count is the number of state-averaged singular values above
 *       {@link CountSettings#singularValueTolerance()}. A conserved direction costs nothing, so every output
 *       settles in the span of the conserved gradients; the orthogonality term spreads them over that span,
 *       whose dimension is then the rank of the stack.</li>
 *   <li>{@code deflation} (Zhu, Zhang, Kevrekidis, PRE 108, L022301 (2023)): one network per stage with the
 *       earlier ones frozen, trained with the {@code neural-deflation} plugin's loss; the count is the number of
 *       leading stages whose final loss stays below {@link CountSettings#deflationTolerance()}. With the Poisson
 *       bracket (systems with a (q, p) layout) it counts quantities in involution, without it independent ones.</li>
 * </ul>
 * The states and their directions of motion come from {@link CountData} (a system's trajectories and vector field,
 * or measured trajectories); the same data and settings give the same numbers.
 */
public final class Counter {

    /**
     * A learned function counts as conserved only if, on test trajectories it never saw, its spread along each
     * trajectory (states at random times in {@code [0, tMax]}) is below this fraction of its spread over all test
     * states. The loss criteria alone cannot tell a conserved quantity from one that changes slowly: on the damped
     * oscillator ({@code γ = 0.3}) a network reached a deflation loss of 0.022, under the 0.05 threshold, with an
     * energy-like function that decays along every trajectory. Measured on 2026-12-02 (defaults, seed 1): deflation
     * stages that learned true invariants 0.006–0.16 (oscillator, Kepler, Toda-3, FPUT-3); the damped oscillator's
     * best function 0.71; local or approximate integrals rejected here 0.40–0.82 (Toda-3 and FPUT-3 stage 4 and 3,
     * the 1:2 oscillator's third stage); but also under-trained stages of real invariants 0.50–0.69 (Kepler's second
     * stage with the bracket, loss 0.023).
     */
    public static final double CONSERVATION_TOLERANCE = 0.3;

    /** Rank tolerance (sine of the angle to the span of the others) for the true gradients. */
    static final double RANK_TOLERANCE = 1e-6;

    private Counter() {
    }

    /**
     * The counts.
     *
     * @param data          the states with their directions of motion, and the truth
     * @param orthogonality the joint loss svd trains with ({@link CountSettings#svdLoss()}, by default
     *                      {@code gradient-orthogonality}); given {@code nu} when it declares it
     * @param deflation     the sequential loss deflation trains with ({@link CountSettings#deflationLoss()}, by default
     *                      {@code neural-deflation}), when installed; given {@code alpha} and {@code bracket} when it
     *                      declares them, and run with and without the bracket only if it declares {@code bracket}
     * @param methods       plugin counting methods to run beside the neural ones, with their default parameters
     * @param interpreter   reads the learned functions as formulas
     * @throws InvariantLabException if the deflation plugin is missing
     */
    public static CountRun count(CountData data, CountSettings s, GradientLoss orthogonality,
                                 Optional<GradientLoss> deflation, List<CountingMethod> methods,
                                 SymbolicInterpreter interpreter, Parameters interpreterParameters,
                                 FormulaReport.Search search, JobListener listener) {
        long start = System.nanoTime();
        if (s.deflation() && deflation.isEmpty()) {
            throw new InvariantLabException("--method " + s.method() + " needs the gradient loss '" + s.deflationLoss()
                    + "' (for neural-deflation: its plugin's jar in the plugins directory) or --method svd");
        }
        SystemModel model = data.model();
        int d = data.dimension();
        int k = s.max() == 0 ? d : s.max();
        long networkSeed = CountData.networkSeed(s.seed());
        listener.stage(String.format(java.util.Locale.ROOT, "%d training states from %s", data.train().size(),
                data.source().kind().equals("system") ? data.source().trajectories() + " trajectories of "
                        + data.name() : data.name()));
        int trueRank = trueRank(model, data.testField().states(), d);
        TrainingConfig base = TrainingConfig.defaults().withEncoder(EncoderConfig.defaults().withHiddenWidths(s.hidden())
                        .withActivation(s.activation()).withDataType(s.dataType())).withEpochs(s.epochs())
                .withBatchSize(s.batchSize()).withLearningRate(s.learningRate()).withSchedule(s.schedule())
                .withSeed(networkSeed);
        CountResult.Svd svd = null;
        List<CountRun.Network> networks = new ArrayList<>();
        boolean snapshots = data.snapshots();
        if (snapshots) {
            listener.stage("unordered snapshots: no directions of motion, so the methods that need none count");
        }
        if (s.svd() && !snapshots) {
            Parameters p = lossParameters(orthogonality, Map.of("nu", String.valueOf(s.nu())));
            listener.stage("svd: " + k + " outputs trained jointly with " + orthogonality.id() + p.asText().entrySet()
                    .stream().map(e -> e.getKey() + " = " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", ", " (", ")")));
            GradientTrainer.Stage stage = GradientTrainer.train(data.train(), data.validation(), orthogonality, p,
                    base.withEncoder(base.encoder().withLatentSize(k)), List.of(), listener,
                    GradientTrainer.Plateau.below(0));
            svd = svdCount(stage, k, s, data, interpreter, interpreterParameters, search, listener);
            networks.add(new CountRun.Network("svd", stage));
            listener.stage(String.format(java.util.Locale.ROOT, "svd count %d; spectrum %s", svd.count(),
                    format(svd.spectrum())));
        }
        List<CountResult.Deflation> deflations = new ArrayList<>();
        if (s.deflation() && !snapshots) {
            GradientLoss loss = deflation.get();
            // with and without the Poisson bracket where the loss has that choice and the data a canonical layout
            boolean bracketed = loss.parameters().stream().anyMatch(q -> q.name().equals(BRACKET));
            List<Boolean> variants = bracketed && data.train().canonical().isPresent() ? List.of(true, false)
                    : List.of(false);
            for (boolean bracket : variants) {
                deflations.add(deflate(bracket, loss, k, s, base, data, networks, interpreter, interpreterParameters, search,
                        listener));
            }
        }
        List<CountResult.MethodCount> others = new ArrayList<>();
        for (CountingMethod m : methods) {
            if (snapshots && m.needsDirections()) {
                continue;
            }
            others.add(plugin(m, data, networkSeed, interpreter, interpreterParameters, search, listener));
        }
        if (snapshots && s.method().equals(OrbitDimension.ID)) {
            others.add(orbitDimension(data, listener));
        } else if (s.method().equals("all") && !data.orbits().present()) {
            listener.stage(OrbitDimension.ID + " not run: " + data.orbits().missing());
        } else if (s.method().equals("all")) {
            // from snapshots a count, with directions an upper bound beside the other methods (OrbitDimension)
            try {
                others.add(orbitDimension(data, listener));
            } catch (org.invariantlab.api.InvalidInputException e) {
                // short trajectories: the other methods stand alone (the orbit dimension needs many states each)
                listener.stage(OrbitDimension.ID + " not run: " + e.getMessage());
            }
        }
        // the independent count: decided from every method's number and the formulas that prove part of it
        CountDecision decision = CountDecision.of(CountResult.evidence(svd, deflations, others, snapshots), d,
                CountResult.tooNoisy(data.source().directionNoise(), d));
        int independent = decision == null ? -1 : decision.independent();
        int involution = deflations.stream().filter(CountResult.Deflation::bracket)
                .mapToInt(CountResult.Deflation::count).findFirst()
                .orElse(svd == null && deflations.isEmpty() && !others.isEmpty() ? others.get(0).inInvolution() : -1);
        int declaredIndependent = model.conservedCounts().flatMap(c -> c.independent().isPresent()
                ? Optional.of(c.independent().getAsInt()) : Optional.empty()).orElse(-1);
        int declaredInvolution = model.conservedCounts().flatMap(c -> c.inInvolution().isPresent()
                ? Optional.of(c.inInvolution().getAsInt()) : Optional.empty()).orElse(-1);
        return new CountRun(new CountResult(data.name(), data.parameters(), data.source(),
                model.stateSpace().variables(), model.invariants().stream().map(TrueInvariant::name).toList(),
                trueRank, declaredIndependent, declaredInvolution, independent, involution, svd, deflations, others,
                (System.nanoTime() - start) / 1e9), networks);
    }

    /**
     * A plugin method's count on the training states (unit directions, the data's direction noise), its quantities
     * then read and judged like the networks' functions, on the same test trajectories.
     */
    private static CountResult.MethodCount plugin(CountingMethod method, CountData data, long seed,
                                                  SymbolicInterpreter interpreter,
                                                  Parameters interpreterParameters, FormulaReport.Search search,
                                                  JobListener listener) {
        long start = System.nanoTime();
        listener.stage(method.id() + ": counting on " + data.train().size() + " training states");
        double[] x = data.train().states();
        double[] h = data.snapshots() ? new double[0] : data.train().vectorField();
        int d = data.dimension();
        for (int r = 0; r < h.length / d; r++) {
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += h[r * d + i] * h[r * d + i];
            }
            norm = Math.sqrt(norm) + 1e-300;
            for (int i = 0; i < d; i++) {
                h[r * d + i] /= norm;
            }
        }
        double noise = data.source().directionNoise();
        // the canonical layout of a file comes with its states (--canonical), a system's with its state space
        org.invariantlab.api.system.StateSpace space = new org.invariantlab.api.system.StateSpace(
                data.model().stateSpace().variables(), data.train().canonical());
        CountingProblem problem = new CountingProblem(space, x, data.trainTrajectory(), h,
                Double.isFinite(noise) ? noise : 0, data.model().extraFeatures(), seed);
        CountingOutcome o;
        try {
            o = method.count(problem, Parameters.resolve(method.id(), method.parameters(), Map.of()));
        } catch (InvariantLabException e) {
            throw e;
        } catch (RuntimeException e) {
            // a plugin's own failure is named plainly, with the method, not as an exception class
            throw new InvariantLabException("counting method " + method.id() + " failed on these data: "
                    + (e.getMessage() == null ? "no reason given" : e.getMessage()) + "; run with --verbose for "
                    + "details, or count with another --method", e);
        }
        List<ScalarField> fields = o.quantities().stream().map(CountedQuantity::field).toList();
        double[] conservation = fields.isEmpty() ? new double[0] : conservationRatios(fields, data.test());
        Read read = written(o.quantities(), data);
        if (read == null) { // an expression the host cannot parse: read the method's functions like a network's
            read = formulas(fields, data, interpreter, interpreterParameters, search, listener);
        }
        listener.stage(String.format(java.util.Locale.ROOT, "%s count %d: %s", method.id(), o.independent(), o.rule()));
        return new CountResult.MethodCount(method.id(), o.independent(), o.inInvolution(), o.spectrum(), o.threshold(),
                o.rule(), o.warnings(), conservation, (System.nanoTime() - start) / 1e9, read.formulas(), read.set());
    }

    /** The parameter of a sequential loss that adds the Poisson-bracket term (neural deflation's {@code bracket}). */
    static final String BRACKET = "bracket";

    /**
     * A loss's parameters with the count's settings it declares ({@code nu}, {@code alpha}, {@code bracket}); a loss
     * from a plugin that declares none of them gets its own defaults.
     */
    static Parameters lossParameters(GradientLoss loss, Map<String, String> offered) {
        Map<String, String> given = new java.util.LinkedHashMap<>();
        loss.parameters().forEach(q -> {
            if (offered.containsKey(q.name())) {
                given.put(q.name(), offered.get(q.name()));
            }
        });
        return Parameters.resolve(loss.id(), loss.parameters(), given);
    }

    private static CountResult.Deflation deflate(boolean bracket, GradientLoss loss, int k, CountSettings s,
                                                 TrainingConfig base, CountData data,
                                                 List<CountRun.Network> networks, SymbolicInterpreter interpreter,
                                                 Parameters interpreterParameters, FormulaReport.Search search, JobListener listener) {
        long start = System.nanoTime();
        Parameters p = lossParameters(loss, Map.of("alpha", s.alpha(), BRACKET, String.valueOf(bracket)));
        double tolerance = deflationTolerance(s.deflationTolerance(), data.source().directionNoise(), data.dimension());
        List<Encoder> stages = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Double> alignment = new ArrayList<>();
        List<Double> conservation = new ArrayList<>();
        List<Integer> underTrained = new ArrayList<>();
        double rate = 0;
        int count = -1;
        for (int stage = 1; stage <= k; stage++) {
            listener.stage("deflation " + (bracket ? "with" : "without") + " the bracket: stage " + stage + " of at most "
                    + k);
            GradientTrainer.Stage trained = GradientTrainer.train(data.train(), data.validation(), loss, p,
                    base.withEncoder(base.encoder().withLatentSize(1)).withSeed(base.seed() + stage), stages, listener,
                    GradientTrainer.Plateau.below(tolerance * SETTLED));
            losses.add(trained.finalLoss());
            if (trained.finalLoss() >= tolerance * SETTLED && GradientTrainer.stillImproving(trained.validationLoss())) {
                underTrained.add(stage);
            }
            alignment.add(spanAlignment(List.of(trained.encoder().field(0)), data.model(), data.testField().states(),
                    1));
            double ratio = conservationRatios(List.of(trained.encoder().field(0)), data.test())[0];
            conservation.add(ratio);
            rate += trained.statesPerSecond();
            stages.add(trained.encoder());
            networks.add(new CountRun.Network("deflation-" + (bracket ? "bracket" : "plain") + "-" + stage, trained));
            listener.stage(String.format(java.util.Locale.ROOT, "stage %d: final loss %.3g, spread along trajectories "
                    + "%.3g", stage, trained.finalLoss(), ratio));
            if (trained.finalLoss() >= tolerance || !(ratio < CONSERVATION_TOLERANCE)) {
                count = stage - 1;
                break;
            }
        }
        if (count < 0) {
            count = k; // no jump within K stages: at least K (raise --max to look further)
        }
        List<ScalarField> counted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            counted.add(stages.get(i).field(0));
        }
        Read read = formulas(counted, data, interpreter, interpreterParameters, search, listener);
        return new CountResult.Deflation(bracket, losses.stream().mapToDouble(Double::doubleValue).toArray(),
                conservation.stream().mapToDouble(Double::doubleValue).toArray(), tolerance, count,
                alignment.stream().mapToDouble(Double::doubleValue).toArray(),
                rate / losses.size(), (System.nanoTime() - start) / 1e9, read.formulas(), read.set(),
                underTrained.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * A deflation stage whose loss is below this fraction of the threshold — an order of magnitude — is settled: more
     * training could only lower it further, so it is neither trained on by the plateau rule nor called under-trained
     * (measured: Toda-4's first stages at losses of 10⁻⁶–10⁻⁴ kept improving by a fifth per fifth of their epochs and
     * doubled the count's time for nothing).
     */
    static final double SETTLED = 0.1;

    /**
     * The deflation threshold for directions of noise {@code σ}: a conserved function's gradient is perpendicular to
     * the true direction, and a direction error spread over the {@code d − 1} perpendicular directions gives its loss
     * term {@code (ĝ·ĥ)² ≈ σ²/(d − 1)} (the denominator is about 1 for an independent stage); three standard deviations
     * of that, {@code 9σ²/(d − 1)}, when above the measured noise-free {@code tolerance}. A function that is not
     * conserved has {@code (ĝ·ĥ)² ≈ 1/d} on average (the null: {@code Σ_i ĥ_i² = 1}); a threshold within a factor 3 of
     * it cannot separate the two, and the count says so ({@link CountResult#warnings()}).
     */
    static double deflationTolerance(double tolerance, double noise, int d) {
        if (!(noise > 0) || d < 2) {
            return tolerance;
        }
        return Math.max(tolerance, 9 * noise * noise / (d - 1));
    }

    private static CountResult.Svd svdCount(GradientTrainer.Stage stage, int k, CountSettings s, CountData data,
                                            SymbolicInterpreter interpreter, Parameters interpreterParameters,
                                            FormulaReport.Search search, JobListener listener) {
        Encoder e = stage.encoder();
        double[] x = data.testField().states();
        double[] h = data.testField().vectorField();
        int d = data.dimension();
        int n = x.length / d;
        List<double[]> gradients = new ArrayList<>();
        for (int o = 0; o < k; o++) {
            gradients.add(e.inputGradients(x, o));
        }
        List<ScalarField> all = new ArrayList<>();
        for (int o = 0; o < k; o++) {
            all.add(e.field(o));
        }
        double[] combinations = conservationRatios(all, data.test());
        double[] spectrum = new double[Math.min(k, d)];
        for (int r = 0; r < n; r++) {
            double[][] gram = new double[k][k];
            double[][] units = units(gradients, r, d);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    gram[a][b] = Linalg.dot(units[a], units[b]);
                }
            }
            double[] eig = Linalg.symmetricEigenvalues(gram);
            for (int i = 0; i < spectrum.length; i++) {
                spectrum[i] += Math.sqrt(Math.max(0, eig[i])) / n;
            }
        }
        List<ScalarField> fields = new ArrayList<>();
        for (int o = 0; o < k; o++) {
            fields.add(e.field(o));
        }
        // candidates: each output, and the combinations of outputs whose Lie derivative is small (jointly trained
        // outputs can each mix a conserved part with a moving one; their conserved span is still there)
        List<ScalarField> candidates = new ArrayList<>(fields);
        List<double[]> candidateGradients = new ArrayList<>(gradients);
        double tolerance = deflationTolerance(s.deflationTolerance(), data.source().directionNoise(), d);
        for (double[] c : conservedCombinations(gradients, h, d, tolerance)) {
            candidates.add(combination(fields, c));
            double[] g = new double[x.length];
            for (int o = 0; o < k; o++) {
                for (int i = 0; i < g.length; i++) {
                    g[i] += c[o] * gradients.get(o)[i];
                }
            }
            candidateGradients.add(g);
        }
        double[] ratios = conservationRatios(candidates, data.test());
        double[] violation = new double[candidates.size()];
        for (int r = 0; r < n; r++) {
            double[] hr = java.util.Arrays.copyOfRange(h, r * d, (r + 1) * d);
            double hn = Math.sqrt(Linalg.dot(hr, hr)) + 1e-300;
            double[][] u = units(candidateGradients, r, d);
            for (int o = 0; o < candidates.size(); o++) {
                double c = Linalg.dot(u[o], hr) / hn;
                violation[o] += c * c / n;
            }
        }
        // the spectrum counts gradient directions, which says something only about functions that are conserved: the
        // count is the number of independent directions among the candidates that pass the trajectory check (their
        // own spectrum), so a function that is not conserved (a coordinate, in the worst case) never adds a
        // direction, and when none passes (the negative control) nothing is claimed; the counted functions are
        // taken best-conserved first, each kept when it adds a direction
        List<Integer> order = new ArrayList<>();
        for (int o = 0; o < candidates.size(); o++) {
            if (ratios[o] < CONSERVATION_TOLERANCE) {
                order.add(o);
            }
        }
        order.sort((p, q) -> Double.compare(violation[p], violation[q]));
        List<Integer> kept = new ArrayList<>();
        for (int o : order) {
            List<Integer> trial = new ArrayList<>(kept);
            trial.add(o);
            if (conservedRank(candidateGradients, trial, d, s.singularValueTolerance()) > kept.size()) {
                kept.add(o);
            }
        }
        int count = kept.size();
        List<ScalarField> conserved = new ArrayList<>();
        for (int o : kept) {
            conserved.add(candidates.get(o));
        }
        double alignment = spanAlignment(fields, data.model(), x, count);
        Read read = formulas(conserved, data, interpreter, interpreterParameters, search, listener);
        return new CountResult.Svd(k, spectrum, combinations, s.singularValueTolerance(), count, alignment,
                stage.finalLoss(), stage.statesPerSecond(), stage.seconds(), read.formulas(), read.set(),
                java.util.Arrays.copyOfRange(ratios, k, ratios.length));
    }

    /**
     * The svd count: the number of mean singular values above {@code tolerance} of the stacked unit gradients of the
     * outputs that passed the trajectory check ({@code passed}), over the states of {@code gradients} (each output's
     * gradients, state after state, {@code d} values each). Outputs that failed the check add no direction, so a
     * network whose non-conserved outputs point along the coordinates cannot count them (issue 17, item 10).
     */
    /**
     * The combinations {@code f = Σ_o c_o f_o} of the outputs whose normalised Lie derivative
     * {@code μ = ⟨(∇f·ĥ)²⟩ / ⟨|∇f|²⟩} is at most {@code tolerance} (the deflation threshold: the same quantity a
     * deflation stage is judged by), from the generalised eigenproblem {@code A c = μ B c} with
     * {@code A = ⟨(G ĥ)(G ĥ)ᵀ⟩}, {@code B = ⟨G Gᵀ⟩} over the states ({@code G} the outputs' gradients there, {@code ĥ}
     * the unit direction): the conserved span of jointly trained outputs when no single output is conserved
     * (gradient orthogonality trades conservation against spreading the outputs apart; AI Poincaré 2.0, Liu, Madhavan
     * &amp; Tegmark, PRE 106, 045307 (2022), reads the span, not the outputs). Directions in which {@code B} is below
     * {@code 10⁻¹⁰} of its largest (outputs with the same gradient) are left out.
     */
    static List<double[]> conservedCombinations(List<double[]> gradients, double[] h, int d, double tolerance) {
        int k = gradients.size();
        int n = h.length / d;
        double[][] a = new double[k][k];
        double[][] b = new double[k][k];
        double[] gh = new double[k];
        for (int r = 0; r < n; r++) {
            double hn = 0;
            for (int i = 0; i < d; i++) {
                hn += h[r * d + i] * h[r * d + i];
            }
            hn = Math.sqrt(hn) + 1e-300;
            for (int o = 0; o < k; o++) {
                double[] g = gradients.get(o);
                double t = 0;
                for (int i = 0; i < d; i++) {
                    t += g[r * d + i] * h[r * d + i];
                }
                gh[o] = t / hn;
            }
            for (int p = 0; p < k; p++) {
                double[] gp = gradients.get(p);
                for (int q = 0; q <= p; q++) {
                    double[] gq = gradients.get(q);
                    double dot = 0;
                    for (int i = 0; i < d; i++) {
                        dot += gp[r * d + i] * gq[r * d + i];
                    }
                    a[p][q] += gh[p] * gh[q] / n;
                    b[p][q] += dot / n;
                }
            }
        }
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < p; q++) {
                a[q][p] = a[p][q];
                b[q][p] = b[p][q];
            }
        }
        Linalg.Eigen e = Linalg.generalizedEigen(a, b, 1e-10);
        List<double[]> out = new ArrayList<>();
        for (int i = e.values().length - 1; i >= 0 && e.values()[i] <= tolerance; i--) {
            out.add(e.vectors()[i]);
        }
        return out;
    }

    /** The function {@code Σ_o c_o f_o}. */
    private static ScalarField combination(List<ScalarField> fields, double[] c) {
        return ScalarField.of(x -> {
            double v = 0;
            for (int o = 0; o < c.length; o++) {
                v += c[o] * fields.get(o).value(x);
            }
            return v;
        }, x -> {
            double[] g = new double[x.length];
            for (int o = 0; o < c.length; o++) {
                double[] go = fields.get(o).gradient(x);
                for (int i = 0; i < g.length; i++) {
                    g[i] += c[o] * go[i];
                }
            }
            return g;
        });
    }

    static int conservedRank(List<double[]> gradients, List<Integer> passed, int d, double tolerance) {
        if (passed.isEmpty()) {
            return 0;
        }
        int n = gradients.get(0).length / d;
        double[] spectrum = new double[passed.size()];
        for (int r = 0; r < n; r++) {
            double[][] units = units(gradients, r, d);
            double[][] gram = new double[passed.size()][passed.size()];
            for (int a = 0; a < passed.size(); a++) {
                for (int b = 0; b < passed.size(); b++) {
                    gram[a][b] = Linalg.dot(units[passed.get(a)], units[passed.get(b)]);
                }
            }
            double[] eig = Linalg.symmetricEigenvalues(gram);
            for (int i = 0; i < spectrum.length; i++) {
                spectrum[i] += Math.sqrt(Math.max(0, eig[i])) / n;
            }
        }
        int count = 0;
        while (count < spectrum.length && spectrum[count] > tolerance) {
            count++;
        }
        return count;
    }

    private static double[][] units(List<double[]> gradients, int row, int d) {
        double[][] out = new double[gradients.size()][d];
        for (int a = 0; a < gradients.size(); a++) {
            double[] g = gradients.get(a);
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += g[row * d + i] * g[row * d + i];
            }
            norm = Math.sqrt(norm) + 1e-300;
            for (int i = 0; i < d; i++) {
                out[a][i] = g[row * d + i] / norm;
            }
        }
        return out;
    }

    /**
     * Mean over states of the mean principal-angle cosine between the top-{@code directions} right singular
     * directions of the learned gradients and the span of the true gradients (1: the learned directions lie in the
     * true span).
     */
    static double spanAlignment(List<ScalarField> learned, SystemModel model, double[] x, int directions) {
        if (directions == 0) {
            return Double.NaN;
        }
        int d = model.stateSpace().variables().size();
        int n = x.length / d;
        double sum = 0;
        for (int r = 0; r < n; r++) {
            double[] state = java.util.Arrays.copyOfRange(x, r * d, (r + 1) * d);
            List<double[]> mine = new ArrayList<>();
            for (ScalarField f : learned) {
                mine.add(f.gradient(state));
            }
            double[][] top = topDirections(mine, d, directions);
            List<double[]> truth = new ArrayList<>();
            for (TrueInvariant t : model.invariants()) {
                truth.add(t.field().gradient(state));
            }
            double[] cos = Linalg.principalCosines(top, Linalg.orthonormalBasis(truth, RANK_TOLERANCE));
            double mean = 0;
            for (double c : cos) {
                mean += c / cos.length;
            }
            sum += mean;
        }
        return sum / n;
    }

    /**
     * Per function, the median over test trajectories of its spread along the trajectory, divided by its spread over
     * all test states, spreads being median absolute deviations (0 for a conserved quantity; NaN for a function
     * constant everywhere, which is not a quantity). Robust statistics, because a network's error concentrates
     * where few training states lie (near a Kepler pericentre, passed quickly): one state there must not decide.
     */
    static double[] conservationRatios(List<ScalarField> fields, RaggedGroups test) {
        double[] out = new double[fields.size()];
        int groups = test.groupCount();
        for (int f = 0; f < fields.size(); f++) {
            ScalarField field = fields.get(f);
            double[] v = new double[Math.toIntExact(test.size())];
            double[] within = new double[groups];
            int at = 0;
            for (int g = 0; g < groups; g++) {
                int m = test.groupSize(g);
                double[] mine = new double[m];
                for (int j = 0; j < m; j++) {
                    mine[j] = field.value(test.state(g, j));
                    v[at++] = mine[j];
                }
                within[g] = mad(mine);
            }
            double total = mad(v);
            out[f] = total > 0 ? median(within) / total : Double.NaN;
        }
        return out;
    }

    /** The median absolute deviation from the median. */
    static double mad(double[] v) {
        double med = median(v);
        double[] dev = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            dev[i] = Math.abs(v[i] - med);
        }
        return median(dev);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** The top right singular directions of the stacked unit vectors (eigenvectors of Σ ĝĝᵀ). */
    private static double[][] topDirections(List<double[]> vectors, int d, int directions) {
        double[][] scatter = new double[d][d];
        for (double[] v : vectors) {
            double norm = Math.sqrt(Linalg.dot(v, v)) + 1e-300;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    scatter[i][j] += v[i] * v[j] / (norm * norm);
                }
            }
        }
        Linalg.Eigen eigen = Linalg.symmetricEigen(scatter);
        double[][] top = new double[Math.min(directions, d)][];
        for (int i = 0; i < top.length; i++) {
            top[i] = eigen.vectors()[i];
        }
        return top;
    }

    /** The formulas of a method, and what is known of them together. */
    private record Read(List<CountResult.Formula> formulas, SetVerdict set) {
    }

    private static Read formulas(List<ScalarField> fields, CountData data, SymbolicInterpreter interpreter,
                                 Parameters parameters, FormulaReport.Search search, JobListener listener) {
        if (fields.isEmpty()) {
            return new Read(List.of(), null);
        }
        GroupedData test = data.testBlock();
        Scores scores = Scorer.score(fields, data.model(), test, ScoringOptions.defaults());
        try (Heartbeat h = Heartbeat.during(listener, "reading " + fields.size() + " counted "
                + (fields.size() == 1 ? "quantity" : "quantities") + " as formulas")) {
            return read(FormulaReport.read(interpreter, parameters, fields, data.model(), test, data.fresh(), scores,
                    search), data);
        }
    }

    /** A report's formulas with their verdicts (on trajectories no stage and no reading saw) and own spreads. */
    private static Read read(FormulaReport report, CountData data) {
        List<CountResult.Formula> out = new ArrayList<>();
        for (int i = 0; i < report.readings().size(); i++) {
            Interpretation r = report.readings().get(i);
            FormulaCheck.Result c = report.checks().get(i);
            out.add(new CountResult.Formula(r.expression(), c.exact(), c.matches(), r.networkAlignment(),
                    conservationRatios(List.of(r.formula()), data.test())[0], report.verdicts().get(i)));
        }
        return new Read(out, report.set());
    }

    /**
     * The orbit dimension ({@link OrbitDimension}) of {@link CountData#orbits()}: a count from snapshots, an upper bound
     * where the data carry directions; it counts without formulas.
     */
    private static CountResult.MethodCount orbitDimension(CountData data, JobListener listener) {
        long start = System.nanoTime();
        RaggedGroups orbits = data.orbits().groups();
        listener.stage(String.format(java.util.Locale.ROOT, "%s: the dimension of the set each of %d trajectories "
                + "fills%s", OrbitDimension.ID, orbits.groupCount(), data.snapshots() ? ""
                : " (an upper bound on the count)"));
        OrbitDimension.Result r = OrbitDimension.measure(orbits);
        if (!data.snapshots()) {
            // an upper bound only, from the smallest neighbourhoods (OrbitDimension.Result#bound)
            String rule = String.format(java.util.Locale.ROOT, "at most %d conserved: with the smallest "
                    + "neighbourhoods the %d trajectories fill sets of median dimension %d (%s)", r.bound(),
                    orbits.groupCount(), data.dimension() - r.bound(), r.rule());
            listener.stage(OrbitDimension.ID + " " + rule + (r.boundWarnings().isEmpty() ? ""
                    : "; not a bound: " + String.join("; ", r.boundWarnings())));
            return new CountResult.MethodCount(OrbitDimension.ID, r.bound(), -1, r.perTrajectory(),
                    OrbitDimension.LOCAL_GAP, rule, r.boundWarnings(), new double[0],
                    (System.nanoTime() - start) / 1e9, List.of(), null);
        }
        listener.stage(String.format(java.util.Locale.ROOT, "%s count %d: %s", OrbitDimension.ID, r.count(), r.rule()));
        return new CountResult.MethodCount(OrbitDimension.ID, r.count(), -1, r.perTrajectory(), OrbitDimension.LOCAL_GAP,
                r.rule(), r.warnings(), new double[0], (System.nanoTime() - start) / 1e9, List.of(), null);
    }

    /**
     * The formulas a counting method wrote ({@link FormulaReport#ofExpressions}), each judged on the same test and fresh
     * trajectories as the networks' readings; {@code null} when one of them does not parse (then the functions are
     * read instead).
     */
    private static Read written(List<CountedQuantity> quantities, CountData data) {
        if (quantities.isEmpty()) {
            return new Read(List.of(), null);
        }
        try {
            return read(FormulaReport.ofExpressions(quantities.stream().map(CountedQuantity::expression).toList(),
                    data.model(), data.testBlock(), data.fresh()), data);
        } catch (org.invariantlab.api.InvalidInputException e) {
            return null;
        }
    }

    /** The most frequent rank of the true invariants' gradients over the states. */
    static int trueRank(SystemModel model, double[] x, int d) {
        int[] counts = new int[model.invariants().size() + 1];
        for (int r = 0; r < x.length / d; r++) {
            double[] state = java.util.Arrays.copyOfRange(x, r * d, (r + 1) * d);
            List<double[]> g = new ArrayList<>();
            for (TrueInvariant t : model.invariants()) {
                g.add(t.field().gradient(state));
            }
            counts[Linalg.orthonormalBasis(g, RANK_TOLERANCE).length]++;
        }
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Numbers to three significant digits, separated by spaces (for progress lines and summaries). */
    public static String format(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.3g", x));
        }
        return b.toString();
    }
}
