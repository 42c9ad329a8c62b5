package org.invariantlab.core.symbolic;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.util.Throwables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The computer-algebra system: the single place where InvariantLab uses Symja (matheclipse-core 3.0.0).
 *
 * <p><b>Threads.</b> Symja's evaluation engine is thread-local and not meant to be shared, so every call
 * runs on one worker thread that owns the process's only {@code ExprEvaluator}; callers on any thread may
 * use these methods concurrently, and their calls are serialised. The worker is a daemon thread and JAS's
 * factoriser is kept single-threaded ({@code Config.JAS_NO_THREADS}), so Symja never keeps the JVM alive
 * after {@code main} returns.
 *
 * <p><b>Cost.</b> Symja is class-loaded and initialised on the first call (2–4 s on a cold JVM); this class
 * names no Symja type, so loading it, and the bootstrap and listing commands, load no Symja class. Later
 * calls take milliseconds; {@code Simplify} and {@code Factor} tens to hundreds of milliseconds, and are
 * abandoned after {@value #SIMPLIFY_SECONDS} s.
 *
 * <p><b>Syntax and variables.</b> Expressions use Symja's relaxed syntax ({@code Sqrt(x^2+y^2)},
 * {@code x*vy-y*vx}). That parser lower-cases identifiers longer than one letter and gives some short names
 * a built-in meaning ({@code E}, {@code I}, {@code N}); the methods taking a list of {@code variables}
 * rename those variables to reserved internal symbols for Symja and back in the result, so {@code Ex}
 * stays {@code Ex}, a variable {@code E} is not Euler's number, and terms are ordered as the variables are
 * listed. Numbers go to Symja in plain decimal notation, because Symja reads {@code 1e-3} as
 * {@code 1*e-3}.
 */
public final class Cas {

    /** Time limit for one {@code Simplify} or {@code Factor}, in seconds. */
    public static final int SIMPLIFY_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(Cas.class);

    private Cas() {
    }

    /**
     * Evaluates {@code expr} and returns the result as one line of Symja syntax; {@code Expand((x+y)^2)}
     * gives {@code x^2+2*x*y+y^2}. Identifiers are read as Symja reads them (see the class comment).
     *
     * @throws InvariantLabException if Symja cannot parse or evaluate {@code expr}
     */
    public static String eval(String expr) {
        return eval(expr, List.of());
    }

    /** As {@link #eval(String)}, with {@code variables} kept as written (see the class comment). */
    public static String eval(String expr, List<String> variables) {
        SymbolNames names = new SymbolNames(variables);
        String input = names.toInternal(requireText(expr));
        return names.toUser(call(expr, s -> s.eval(input, expr)));
    }

    /**
     * Evaluates {@code expr} and returns it in LaTeX; {@code x^2-2/3} gives {@code -\frac{2}{3} + {x}^{2}}.
     *
     * @throws InvariantLabException if Symja cannot parse or evaluate {@code expr}
     */
    public static String texForm(String expr) {
        return texForm(expr, List.of());
    }

    /** As {@link #texForm(String)}, with {@code variables} kept as written. */
    public static String texForm(String expr, List<String> variables) {
        SymbolNames names = new SymbolNames(variables);
        String input = names.toInternal(requireText(expr));
        return names.toUser(call(expr, s -> s.texForm(input, expr)));
    }

    /**
     * {@code expr} as a self-contained MathML element, {@code <math xmlns="http://www.w3.org/1998/Math/MathML">…</math>},
     * with {@code variables} kept as written: formulas in an HTML report render without any script or network.
     *
     * @throws InvariantLabException if Symja cannot parse or evaluate {@code expr}
     */
    public static String mathML(String expr, List<String> variables) {
        SymbolNames names = new SymbolNames(variables);
        String input = names.toInternal(requireText(expr));
        return "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">" + names.toUser(call(expr, s -> s.mathML(input, expr)))
                + "</math>";
    }

    /**
     * The shortest readable form of {@code expr}: the shortest of its {@code Expand}, {@code Simplify} and
     * {@code Factor} (ties go to the earlier, so an expanded polynomial is preferred), with a numeric constant
     * of a sum written last: {@code -t^2+x^2+y^2+z^2-2/3}, {@code (x*vy-y*vx)^2}.
     *
     * @param expr      the formula in Symja syntax
     * @param variables the state variables in {@code expr}, kept as written and ordered as listed
     * @throws InvariantLabException if Symja cannot parse or evaluate {@code expr}
     */
    public static SymbolicForm simplest(String expr, List<String> variables) {
        SymbolNames names = new SymbolNames(variables);
        String input = names.toInternal(requireText(expr));
        String[] forms = call(expr, s -> s.simplest(input, expr, SIMPLIFY_SECONDS));
        return new SymbolicForm(names.toUser(forms[0]), names.toUser(forms[1]));
    }

    /**
     * The value of {@code expr} with {@code variables.get(i)} set to {@code point[i]}, evaluated numerically.
     *
     * @throws InvariantLabException if {@code expr} does not parse or has no real value at {@code point}
     */
    public static double numericValue(String expr, List<String> variables, double[] point) {
        Objects.requireNonNull(point, "point");
        if (point.length != variables.size()) {
            throw new IllegalArgumentException("point has " + point.length + " values for " + variables.size() + " variables");
        }
        SymbolNames names = new SymbolNames(variables);
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < point.length; i++) {
            if (!Double.isFinite(point[i])) {
                throw new IllegalArgumentException("point has the non-finite value " + point[i]);
            }
            rules.append(i == 0 ? "" : ",").append(SymbolNames.internal(i)).append("->(").append(plain(point[i])).append(')');
        }
        String input = "ReplaceAll((" + names.toInternal(requireText(expr)) + "),{" + rules + "})";
        double value = call(expr, s -> s.numericValue(input, expr));
        if (Double.isNaN(value)) {
            throw new InvariantLabException("'" + expr + "' has no real value at " + variables + " = " + Arrays.toString(point));
        }
        return value;
    }

    /**
     * Whether {@code a} and {@code b} are the same function of {@code variables}: {@code Expand(a-b)}, or
     * failing that {@code Simplify(a-b)}, is zero. A {@code false} may also mean that Symja could not show it.
     *
     * @throws InvariantLabException if either does not parse
     */
    public static boolean equivalent(String a, String b, List<String> variables) {
        SymbolNames names = new SymbolNames(variables);
        String difference = "(" + names.toInternal(requireText(a)) + ")-(" + names.toInternal(requireText(b)) + ")";
        String shown = "(" + a + ")-(" + b + ")";
        List<String> rules = SCREEN_POINTS.stream().map(p -> rules(screenPoint(p, variables.size()))).toList();
        return call(shown, s -> s.isZero(difference, shown, SIMPLIFY_SECONDS, rules));
    }

    /** Fixed rational points at which {@link #equivalent} looks for an exact non-zero difference before simplifying. */
    private static final List<Long> SCREEN_POINTS = List.of(0x5eedL, 0x5eeeL);

    /** Distinct-looking rationals {@code k/997} in (−1, 1), one per variable, drawn from {@code seed}. */
    private static Rational[] screenPoint(long seed, int n) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        Rational[] p = new Rational[n];
        for (int i = 0; i < n; i++) {
            p[i] = Rational.of(rng.nextInt(-996, 997), 997);
        }
        return p;
    }

    /**
     * How a zero test of an expression came out ({@link #zeroTest}).
     *
     * @param outcome        what was shown
     * @param points         at how many points it was evaluated (0 when it simplified to 0)
     * @param counterexample for {@link ZeroOutcome#NONZERO}: the point and the value, in words; empty otherwise
     * @param largest        for {@link ZeroOutcome#NUMERIC_ZERO}: the largest magnitude met; 0 otherwise
     */
    public record ZeroTest(ZeroOutcome outcome, int points, String counterexample, double largest) {
    }

    /** What a zero test showed, strongest first. */
    public enum ZeroOutcome {
        /** {@code Expand} or {@code Together} of the expression is 0: proven symbolically. */
        SYMBOLIC_ZERO,
        /** Exactly 0 at every random rational point (a rational function: Schwartz–Zippel). */
        EXACT_ZERO_AT_POINTS,
        /** Numerically 0 at every point, to far below double precision (roots, logarithms, exponentials). */
        NUMERIC_ZERO_AT_POINTS,
        /** Not zero at some point (exactly, or numerically well above the precision). */
        NONZERO,
        /** The expression has no real value at the points: nothing shown. */
        UNDECIDED
    }

    /** Digits of the numeric evaluation of a zero test that is not exact. */
    public static final int ZERO_TEST_DIGITS = 50;

    /** A numeric value below this magnitude counts as 0 in a {@value #ZERO_TEST_DIGITS}-digit zero test. */
    public static final double NUMERIC_ZERO = 1e-30;

    /**
     * Tests {@code expr} for being identically zero over {@code variables} (methods.md §11): symbolically first
     * ({@code Expand}, {@code Together}), then at each point of {@code points} (rationals, written exactly), exactly
     * where the value is a rational number and at {@value #ZERO_TEST_DIGITS} digits otherwise.
     */
    public static ZeroTest zeroTest(String expr, List<String> variables, List<Rational[]> points) {
        SymbolNames names = new SymbolNames(variables);
        String input = names.toInternal(requireText(expr));
        List<String> rules = points.stream().map(Cas::rules).toList();
        List<String> result = call(expr, s -> s.zeroTest(input, expr, rules, ZERO_TEST_DIGITS, SIMPLIFY_SECONDS));
        if (result.equals(List.of("symbolic"))) {
            return new ZeroTest(ZeroOutcome.SYMBOLIC_ZERO, 0, "", 0);
        }
        boolean numeric = false;
        double largest = 0;
        int real = 0;
        for (int i = 0; i < result.size(); i++) {
            String r = result.get(i);
            if (r.startsWith("exact:")) {
                return new ZeroTest(ZeroOutcome.NONZERO, i + 1, "it is " + names.toUser(r.substring(6)) + " at "
                        + point(variables, points.get(i)), 0);
            }
            if (r.startsWith("numeric:")) {
                double v = parseNumber(r.substring(8));
                real++;
                if (!(v < NUMERIC_ZERO)) {
                    return new ZeroTest(ZeroOutcome.NONZERO, i + 1, String.format(java.util.Locale.ROOT, "it is %.3g in "
                            + "magnitude at %s", v, point(variables, points.get(i))), 0);
                }
                numeric = true;
                largest = Math.max(largest, v);
            } else if (r.equals("0")) {
                real++;
            }
        }
        if (real == 0) {
            return new ZeroTest(ZeroOutcome.UNDECIDED, result.size(), "", 0);
        }
        return new ZeroTest(numeric ? ZeroOutcome.NUMERIC_ZERO_AT_POINTS : ZeroOutcome.EXACT_ZERO_AT_POINTS, real, "",
                largest);
    }

    /**
     * The rank of the matrix whose rows are {@code rows} (lists of expressions over {@code variables}) at each point,
     * computed exactly ({@code MatrixRank} on rationals); -1 at a point where an entry is not a rational number
     * (the caller then decides numerically).
     */
    public static int[] exactRanks(List<List<String>> rows, List<String> variables, List<Rational[]> points) {
        SymbolNames names = new SymbolNames(variables);
        StringBuilder m = new StringBuilder("{");
        for (int r = 0; r < rows.size(); r++) {
            m.append(r == 0 ? "{" : ",{");
            for (int c = 0; c < rows.get(r).size(); c++) {
                m.append(c == 0 ? "" : ",").append('(').append(names.toInternal(requireText(rows.get(r).get(c)))).append(')');
            }
            m.append('}');
        }
        String matrix = m.append('}').toString();
        int[] ranks = new int[points.size()];
        for (int i = 0; i < points.size(); i++) {
            String rule = rules(points.get(i));
            ranks[i] = call("a matrix of gradients", s -> s.exactRank(matrix, "a matrix of gradients", rule));
        }
        return ranks;
    }

    /** {@code ∂expr/∂v} for each variable, as Symja expressions over {@code variables}. */
    public static List<String> gradient(String expr, List<String> variables) {
        List<String> out = new java.util.ArrayList<>();
        for (String v : variables) {
            out.add(eval("D(" + requireText(expr) + "," + v + ")", variables));
        }
        return out;
    }

    private static String rules(Rational[] point) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < point.length; i++) {
            b.append(i == 0 ? "" : ",").append(SymbolNames.internal(i)).append("->(").append(point[i].toString()).append(')');
        }
        return b.append('}').toString();
    }

    private static String point(List<String> variables, Rational[] point) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < point.length; i++) {
            b.append(i == 0 ? "" : ", ").append(variables.get(i)).append(" = ").append(point[i].toString());
        }
        return b.append(')').toString();
    }

    private static double parseNumber(String text) {
        String t = text.replace("*^", "E").strip();
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Evaluates {@code internal}, text already in internal variable names ({@link SymbolNames}), and returns
     * its full form in internal names; {@code shown} is the caller's text for messages.
     *
     * @throws InvariantLabException if Symja cannot parse or evaluate it
     */
    static String fullForm(String internal, String shown) {
        return call(shown, s -> s.fullForm(internal, shown));
    }

    /** Plain decimal notation of a finite double, never exponent notation: {@code 1.5E-6} gives {@code 0.0000015}. */
    static String plain(double v) {
        return BigDecimal.valueOf(v).toPlainString();
    }

    private static String requireText(String expr) {
        Objects.requireNonNull(expr, "expr");
        if (expr.isBlank()) {
            throw new InvariantLabException("empty expression: give a formula in Symja syntax, e.g. x^2+y^2");
        }
        return expr;
    }

    /** Runs {@code task} on the worker thread (directly when already there) and unwraps its failure. */
    private static <T> T call(String subject, Function<SymjaSession, T> task) {
        if (Worker.isCurrentThread()) {
            return runOnWorker(subject, task);
        }
        Future<T> future = Worker.EXECUTOR.submit(() -> runOnWorker(subject, task));
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InvariantLabException("interrupted while Symja was evaluating '" + subject + "'", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvariantLabException known) {
                throw new InvariantLabException(known.getMessage(), known);
            }
            throw new InvariantLabException("Symja failed on '" + subject + "': " + Throwables.oneLine(cause), cause);
        }
    }

    private static <T> T runOnWorker(String subject, Function<SymjaSession, T> task) {
        SymjaSession session = SymjaSession.get();
        try {
            return task.apply(session);
        } finally {
            String messages = session.drainMessages();
            if (!messages.isEmpty()) {
                LOG.debug("Symja on '{}': {}", subject, messages);
            }
        }
    }

    /** Holder of the worker thread: initialised on the first call, so loading {@link Cas} starts nothing. */
    private static final class Worker {

        private static volatile Thread thread;

        static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "invariantlab-cas");
            t.setDaemon(true);
            thread = t;
            return t;
        });

        private Worker() {
        }

        static boolean isCurrentThread() {
            return Thread.currentThread() == thread;
        }
    }
}
