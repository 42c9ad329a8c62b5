package org.invariantlab.core.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.StateSpace;

/**
 * The default candidate features the polynomial reader tries, by evidence, when no polynomial library explains the
 * network (issue 18: formulas beyond polynomials, for data too). Each is one library term that the physics of
 * conserved quantities often needs and no polynomial can give:
 * <ul>
 *   <li><b>reciprocal norms</b> {@code 1/Sqrt(a²+b²)}, {@code 1/Sqrt(a²+b²+c²)} of position-like pairs and triples
 *       (pairs and triples of the positions of a canonical layout; without one, every pair of a state of at most
 *       {@value #MAX_FREE_DIMENSION} variables — triples of arbitrary variables fitted noise in a measured case),
 *       where the norm stays away from 0 on the data: central potentials;</li>
 *   <li><b>logarithms</b> {@code Log(v)} of variables that are strictly positive on the data: population models,
 *       epidemics;</li>
 *   <li><b>sines and cosines</b> {@code Sin(v)}, {@code Cos(v)} of variables that behave like angles (they span at
 *       least π and stay within ±(2π + 0.1)): pendulums, rotors;</li>
 *   <li><b>pair interactions</b> of the positions {@code q1 … qn} of a canonical layout, tried as blocks (a pair
 *       potential has one term per pair, with one coefficient): {@code Exp(q_i − q_{i+1})} of neighbours in the
 *       layout's order, the last with the first (exponential chains, Toda), each sign as one block, and
 *       {@code 1/(q_i − q_j)²} of every pair whose difference stays away from 0 on the data (inverse-square
 *       interactions, Calogero–Moser).</li>
 * </ul>
 * The reader admits a candidate only when it lowers the description cost it already uses
 * ({@code ln δ + ln 1.5 · terms}); candidates the system or the physicist already gives are not repeated.
 */
final class CandidateFeatures {

    /** Without a canonical layout, pairs and triples of all variables are tried up to this dimension. */
    static final int MAX_FREE_DIMENSION = 6;

    private CandidateFeatures() {
    }

    /**
     * The candidates as groups tried together: the pair-interaction blocks, each candidate alone, every logarithm
     * together (a population model's integral needs the logarithm of each population at once), and the sine and
     * cosine of each angle together.
     */
    static List<List<Feature>> groups(StateSpace space, double[][] states, List<Feature> given) {
        List<Feature> all = of(space, states, given);
        // the pair blocks first: a chain of many particles has more single candidates than the reader tries
        List<List<Feature>> out = new ArrayList<>(pairBlocks(space, states, given));
        for (Feature f : all) {
            out.add(List.of(f));
        }
        List<Feature> logs = all.stream().filter(f -> f.expression().startsWith("Log(")).toList();
        if (logs.size() > 1) {
            out.add(logs);
        }
        for (Feature f : all) {
            if (f.expression().startsWith("Cos(")) {
                String argument = f.expression().substring(3);
                all.stream().filter(g -> g.expression().equals("Sin" + argument)).findFirst()
                        .ifPresent(g -> out.add(List.of(f, g)));
            }
        }
        return out;
    }

    static List<Feature> of(StateSpace space, double[][] states, List<Feature> given) {
        List<String> vars = space.variables();
        int d = vars.size();
        Set<String> known = given.stream().map(f -> f.expression().replace(" ", "")).collect(Collectors.toSet());
        double[] min = new double[d];
        double[] max = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] x : states) {
            for (int i = 0; i < d; i++) {
                min[i] = Math.min(min[i], x[i]);
                max[i] = Math.max(max[i], x[i]);
            }
        }
        List<Integer> positions = space.canonical().map(c -> c.positions())
                .orElse(d <= MAX_FREE_DIMENSION ? java.util.stream.IntStream.range(0, d).boxed().toList() : List.of());
        List<Feature> out = new ArrayList<>();
        boolean canonical = space.canonical().isPresent();
        for (int a = 0; a < positions.size(); a++) {
            for (int b = a + 1; b < positions.size(); b++) {
                addNorm(out, known, vars, states, new int[] {positions.get(a), positions.get(b)});
                for (int c = b + 1; c < positions.size() && canonical; c++) {
                    addNorm(out, known, vars, states, new int[] {positions.get(a), positions.get(b), positions.get(c)});
                }
            }
        }
        for (int i = 0; i < d; i++) {
            int v = i;
            if (min[i] > 0) {
                add(out, known, new Feature("log_" + vars.get(i), "Log(" + vars.get(i) + ")", x -> Math.log(x[v])));
            }
            double limit = 2 * Math.PI + 0.1;
            if (max[i] - min[i] >= Math.PI && min[i] >= -limit && max[i] <= limit) {
                add(out, known, new Feature("cos_" + vars.get(i), "Cos(" + vars.get(i) + ")", x -> Math.cos(x[v])));
                add(out, known, new Feature("sin_" + vars.get(i), "Sin(" + vars.get(i) + ")", x -> Math.sin(x[v])));
            }
        }
        return out;
    }

    /**
     * The pair-interaction blocks of the class comment, for a canonical layout of at least two positions: neighbour
     * exponentials of each sign, and inverse squares of the pair differences that stay away from 0 (smallest
     * {@code |q_i − q_j|} above 10⁻³ of its median, as for reciprocal norms).
     */
    static List<List<Feature>> pairBlocks(StateSpace space, double[][] states, List<Feature> given) {
        List<Integer> q = space.canonical().map(c -> c.positions()).orElse(List.of());
        int n = q.size();
        if (n < 2) {
            return List.of();
        }
        List<String> vars = space.variables();
        Set<String> known = given.stream().map(f -> f.expression().replace(" ", "")).collect(Collectors.toSet());
        List<List<Feature>> out = new ArrayList<>();
        for (int sign : new int[] {1, -1}) {
            List<Feature> block = new ArrayList<>();
            for (int i = 0; i < (n == 2 ? 1 : n); i++) {
                int a = q.get(sign > 0 ? i : (i + 1) % n);
                int b = q.get(sign > 0 ? (i + 1) % n : i);
                add(block, known, new Feature("exp_" + vars.get(a) + "_" + vars.get(b),
                        "Exp(" + vars.get(a) + "-" + vars.get(b) + ")", x -> Math.exp(x[a] - x[b])));
            }
            if (!block.isEmpty()) {
                out.add(block);
            }
        }
        List<Feature> inverse = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int a = q.get(i);
                int b = q.get(j);
                double[] gaps = new double[states.length];
                for (int s = 0; s < states.length; s++) {
                    gaps[s] = Math.abs(states[s][a] - states[s][b]);
                }
                double[] sorted = gaps.clone();
                java.util.Arrays.sort(sorted);
                if (sorted.length > 0 && sorted[0] > 1e-3 * sorted[sorted.length / 2]) {
                    add(inverse, known, new Feature("inv2_" + vars.get(a) + "_" + vars.get(b),
                            "1/(" + vars.get(a) + "-" + vars.get(b) + ")^2", x -> 1 / ((x[a] - x[b]) * (x[a] - x[b]))));
                }
            }
        }
        if (!inverse.isEmpty()) {
            out.add(inverse);
        }
        return out;
    }

    private static void addNorm(List<Feature> out, Set<String> known, List<String> vars, double[][] states, int[] idx) {
        double smallest = Double.POSITIVE_INFINITY;
        double[] norms = new double[states.length];
        for (int s = 0; s < states.length; s++) {
            double q = 0;
            for (int i : idx) {
                q += states[s][i] * states[s][i];
            }
            norms[s] = Math.sqrt(q);
            smallest = Math.min(smallest, norms[s]);
        }
        double[] sorted = norms.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        if (!(smallest > 1e-3 * median)) {
            return; // the norm reaches 0 on the data: its reciprocal would be singular there
        }
        StringBuilder sum = new StringBuilder();
        StringBuilder name = new StringBuilder("invR");
        for (int i : idx) {
            sum.append(sum.length() == 0 ? "" : "+").append(vars.get(i)).append("^2");
            name.append('_').append(vars.get(i));
        }
        int[] ix = idx.clone();
        add(out, known, new Feature(name.toString(), "1/Sqrt(" + sum + ")", x -> {
            double q = 0;
            for (int i : ix) {
                q += x[i] * x[i];
            }
            return 1 / Math.sqrt(q);
        }));
    }

    private static void add(List<Feature> out, Set<String> known, Feature f) {
        if (!known.contains(f.expression().replace(" ", ""))) {
            out.add(f);
        }
    }
}
