package org.invariantlab.plugins.regression;

import io.jenetics.Genotype;
import io.jenetics.Mutator;
import io.jenetics.engine.Codec;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.Limits;
import io.jenetics.ext.SingleNodeCrossover;
import io.jenetics.prog.ProgramChromosome;
import io.jenetics.prog.ProgramGene;
import io.jenetics.util.RandomRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.symbolic.Alternative;
import org.invariantlab.api.symbolic.Interpretation;
import org.invariantlab.api.symbolic.InterpretationContext;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.system.ScalarField;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code symbolic-regression} interpreter: reads a learned function by genetic programming over expression trees,
 * with the fitness of Patel &amp; Wetzel (arXiv:2409.05305, 2024) — how far the candidate's normalised gradient is
 * from the network's,
 * <pre>
 *   δ(F) = mean_x ( 1 − (∇F·∇f)² / (|∇F|² |∇f|²) ),
 * </pre>
 * blind to the unknown reparametrisation {@code f = g(I)} of the latent — priced by the description cost the polynomial
 * reader uses, {@code ln δ + ln 1.5 · size} ({@code size} the nodes of the tree), so that a node is bought only if it
 * cuts the misalignment by a factor 1.5.
 *
 * <p>Trees are built by Jenetics 6.3 ({@code jenetics.prog}: ramped trees of the operations {@code + − × ÷ neg sqr
 * sqrt log exp sin cos abs} over the variables and the constants 1, 2, ½), bred by single-node crossover and mutation;
 * gradients are central differences in double precision. A tree that is a sum has its terms' weights fitted in closed
 * form ({@link LinearTerms}: evolution proposes the terms, a generalised eigenproblem weighs them). The best tree of every size is kept (the Pareto front of
 * size against misalignment); after the search each front member's constants are refined by a pattern search and
 * made simple fractions where that keeps the misalignment within a factor 1.5; of the members that fit within the
 * network's own noise (at most twice the best misalignment, or 10⁻³ above it), the one of least description cost is
 * the answer, the whole front being returned with it. Seeded: the same seed and settings give the same front,
 * unless the time {@code budget} cuts the search short (then said in the reading).
 */
@Extension
public final class SymbolicRegressionInterpreter implements SymbolicInterpreter {

    /** Every node of a tree must cut its misalignment by this factor (as every term of the polynomial reader). */
    static final double NODE_PRICE = 1.5;

    /** Misalignments are floored here before the logarithm. */
    static final double FLOOR = 1e-12;

    /** A front member fits within the network's noise when its misalignment is at most this factor of the best. */
    static final double NOISE_FACTOR = 2;

    /** … or at most this much above it. */
    static final double NOISE_SLACK = 1e-3;

    /** The largest tree considered. */
    static final int MAX_SIZE = 31;

    private static final Logger LOG = LoggerFactory.getLogger(SymbolicRegressionInterpreter.class);

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("budget", 30, 1.0, 3600.0, "most seconds the search may take per learned function"),
            ParameterSpec.integer("generations", 300, 1L, 100000L, "generations of the search"),
            ParameterSpec.integer("population", 1000, 10L, 100000L, "trees per generation"),
            ParameterSpec.integer("depth", 4, 1L, 10L, "depth of the initial random trees"),
            ParameterSpec.integer("samples", 200, 10L, 100000L, "states on which gradients are compared"),
            ParameterSpec.integer("seed", 1, 0L, null, "seed of the search"));

    /** Built by PF4J. */
    public SymbolicRegressionInterpreter() {
    }

    @Override
    public String id() {
        return "symbolic-regression";
    }

    @Override
    public String description() {
        return "genetic programming over expression trees fitted to the direction of the network's gradient "
                + "(Patel & Wetzel 2024), with a Pareto front of size against misalignment";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public boolean searchesExpressions() {
        return true;
    }

    @Override
    public Interpretation interpret(ScalarField f, InterpretationContext context, Parameters parameters) {
        Objects.requireNonNull(f, "f");
        Parameters p = Parameters.resolve(id(), PARAMETERS, parameters.asText());
        List<String> variables = context.stateSpace().variables();
        int d = variables.size();
        double[][] states = sample(context, p.getInt("samples"));
        double[][] directions = new double[states.length][];
        for (int i = 0; i < states.length; i++) {
            double[] g = f.gradient(states[i].clone());
            double norm = norm(g);
            directions[i] = norm > 0 && Double.isFinite(norm) ? scale(g, 1 / norm) : null;
        }
        Fitness fitness = new Fitness(states, directions);
        long start = System.nanoTime();
        double budget = p.getDouble("budget");
        int generations = p.getInt("generations");
        long[] ran = {0};
        Codec<ProgramGene<Double>, ProgramGene<Double>> codec = Codec.of(
                Genotype.of(ProgramChromosome.of(p.getInt("depth"), ch -> ch.root().size() <= MAX_SIZE,
                        Programs.operations(), Programs.terminals(variables))),
                Genotype::gene);
        RandomRegistry.with(new Random(p.getLong("seed")), random -> {
            Engine<ProgramGene<Double>, Double> engine = Engine.builder(gene -> fitness.cost(Programs.compile(gene)), codec)
                    .minimizing()
                    .executor((Runnable r) -> r.run()) // one thread: the same seed gives the same search
                    .populationSize(p.getInt("population"))
                    .alterers(new SingleNodeCrossover<>(0.7), new Mutator<>(0.1))
                    .build();
            return engine.stream()
                    .limit(Limits.byFixedGeneration(generations))
                    .limit(Limits.byExecutionTime(Duration.ofMillis((long) (budget * 1000))))
                    .peek(r -> {
                        ran[0] = r.generation();
                        if (r.generation() % 20 == 0) {
                            LOG.info("symbolic regression: generation {} of {}, best cost {}", r.generation(), generations,
                                    r.bestFitness());
                        }
                    })
                    .collect(EvolutionResult.toBestEvolutionResult());
        });
        boolean cut = ran[0] < generations;
        // refine the front: constants by pattern search, then as simple fractions when that fits as well
        List<Entry> refined = new ArrayList<>();
        for (Entry e : fitness.front()) {
            Expr expr = e.expr();
            double delta = Refinement.refine(expr, fitness);
            delta = Refinement.rationalise(expr, fitness, delta);
            refined.add(new Entry(expr, delta));
        }
        // refinement moves misalignments: a front again, each larger tree strictly better than every smaller one
        refined.sort(java.util.Comparator.comparingInt(e -> e.expr().size()));
        List<Entry> front = new ArrayList<>();
        for (Entry e : refined) {
            if (front.isEmpty() || (e.expr().size() > front.get(front.size() - 1).expr().size()
                    && e.delta() < front.get(front.size() - 1).delta())) {
                front.add(e);
            }
        }
        // the answer: of the members within the network's own noise of the best fit (estimated by that fit itself),
        // the one of least description cost
        double bestFit = front.stream().mapToDouble(Entry::delta).min().orElse(1);
        double noise = Math.max(NOISE_FACTOR * bestFit, bestFit + NOISE_SLACK);
        Entry best = null;
        for (Entry e : front) {
            if (e.delta() <= noise && (best == null
                    || cost(e.delta(), e.expr().size()) < cost(best.delta(), best.expr().size()))) {
                best = e;
            }
        }
        List<Alternative> alternatives = new ArrayList<>();
        for (Entry e : front) {
            alternatives.add(new Alternative(e.expr().symja(variables), e.expr().size(), e.delta()));
        }
        String expression = best.expr().symja(variables);
        Expr chosen = best.expr();
        ScalarField formula = ScalarField.of(chosen::eval, x -> Fitness.gradient(chosen, x));
        String reading = String.format(Locale.ROOT, "symbolic regression, %d generations of %d trees in %.1f s%s",
                ran[0], p.getInt("population"), (System.nanoTime() - start) / 1e9,
                cut ? " (cut short by the budget of " + budget + " s: not reproducible bit for bit)" : "");
        return new Interpretation(expression, expression, Double.NaN, List.of(), formula, reading, 1 - best.delta(),
                alternatives);
    }

    /** {@code ln δ + ln 1.5 · size}. */
    static double cost(double delta, int size) {
        return Math.log(Math.max(delta, FLOOR)) + Math.log(NODE_PRICE) * size;
    }

    /**
     * {@code ∂f/∂x_k ≈ (f(x + h e_k) − f(x − h e_k)) / 2h} with {@code h = 10⁻⁶·max(1, |x_k|)}, in double precision:
     * an error of order {@code h²} from the third derivative and {@code ε/h ≈ 10⁻¹⁰} from rounding.
     */
    static double[] centralGradient(java.util.function.ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        double[] y = x.clone();
        for (int k = 0; k < x.length; k++) {
            double h = 1e-6 * Math.max(1, Math.abs(x[k]));
            y[k] = x[k] + h;
            double up = f.applyAsDouble(y);
            y[k] = x[k] - h;
            double down = f.applyAsDouble(y);
            y[k] = x[k];
            g[k] = (up - down) / (2 * h);
        }
        return g;
    }

    /** A front member: a tree and its misalignment. */
    record Entry(Expr expr, double delta) {
    }

    /** The misalignment of trees on the sampled states, and the best tree of every size seen (the front). */
    static final class Fitness {
        private final double[][] states;
        private final double[][] directions;
        private final TreeMap<Integer, Entry> best = new TreeMap<>();

        Fitness(double[][] states, double[][] directions) {
            this.states = states;
            this.directions = directions;
        }

        /** The description cost of {@code e}; infinite for a tree without a real gradient on most states. */
        double cost(Expr e) {
            int size = e.size();
            if (size > MAX_SIZE) {
                return Double.POSITIVE_INFINITY;
            }
            // a sum is scored with its terms' weights fitted in closed form (LinearTerms), the tree as written otherwise
            LinearTerms.Fit fit = LinearTerms.fit(e, states, directions);
            Expr kept = fit == null ? e : fit.expr();
            double delta = fit == null ? misalignment(e) : fit.delta();
            if (!Double.isFinite(delta)) {
                return Double.POSITIVE_INFINITY;
            }
            Entry current = best.get(kept.size());
            if (current == null || delta < current.delta()) {
                best.put(kept.size(), new Entry(kept, delta));
            }
            // the search is driven by the fit alone (the front keeps the best of every size, and the price of size
            // decides only at the end): a parsimony pressure inside the search stops trees before they grow into
            // the right shape
            return Math.log(Math.max(delta, FLOOR)) + 1e-3 * size;
        }

        /** Mean {@code 1 − cos²} over the states; NaN when more than a fifth have no real, non-zero gradient. */
        double misalignment(Expr e) {
            double sum = 0;
            int bad = 0;
            int used = 0;
            for (int i = 0; i < states.length; i++) {
                if (directions[i] == null) {
                    continue;
                }
                used++;
                double[] g = gradient(e, states[i]);
                double norm = norm(g);
                if (!(norm > 0) || !Double.isFinite(norm)) {
                    bad++;
                    sum += 1;
                    continue;
                }
                double c = 0;
                for (int k = 0; k < g.length; k++) {
                    c += g[k] * directions[i][k];
                }
                c /= norm;
                sum += 1 - Math.min(1, c * c);
            }
            return used == 0 || bad > used / 5 ? Double.NaN : sum / used;
        }

        /** The gradient of a tree by central differences ({@link #centralGradient}). */
        static double[] gradient(Expr e, double[] x) {
            return centralGradient(e::eval, x);
        }

        /** The best tree of each size, simplest first. */
        List<Entry> front() {
            List<Entry> out = new ArrayList<>();
            double bestDelta = Double.POSITIVE_INFINITY;
            for (Entry e : best.values()) {
                if (e.delta() < bestDelta) { // a larger tree must fit better to be on the front
                    out.add(e);
                    bestDelta = e.delta();
                }
            }
            return out;
        }
    }

    private static double[][] sample(InterpretationContext context, int max) {
        int n = context.size();
        int d = context.stateSpace().dimension();
        double[] flat = context.states();
        int m = Math.min(n, max);
        double[][] out = new double[m][];
        for (int k = 0; k < m; k++) {
            int i = (int) ((long) k * n / m);
            out[k] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return out;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double[] scale(double[] v, double a) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * a;
        }
        return out;
    }
}
