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
        return call(shown, s -> s.isZero(difference, shown, SIMPLIFY_SECONDS));
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
