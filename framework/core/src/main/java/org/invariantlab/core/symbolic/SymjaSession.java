package org.invariantlab.core.symbolic;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.util.Throwables;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.form.output.OutputFormFactory;
import org.matheclipse.core.form.mathml.MathMLFormFactory;
import org.matheclipse.core.form.tex.TeXFormFactory;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.parser.client.SyntaxError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Symja evaluator of the process, and all code that touches Symja's types. Confined to
 * {@link Cas}'s worker thread: it is created there on first use (Symja's {@code EvalEngine} is
 * thread-local) and never used by another thread, so it needs no locking. Only {@link Cas}'s worker refers
 * to this class, so Symja is class-loaded on the first evaluation and never by code that merely lists or
 * configures extensions.
 *
 * <p>All text given to these methods is already in Symja's internal names (see {@link SymbolNames});
 * {@code shown} is the caller's original text, used in error messages.
 */
final class SymjaSession {

    private static final Logger LOG = LoggerFactory.getLogger(SymjaSession.class);

    private static SymjaSession instance;

    private final ExprEvaluator evaluator;
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();

    private SymjaSession() {
        long start = System.nanoTime();
        // Without this, JAS's factoriser starts a non-daemon thread pool that keeps the JVM alive for about a
        // minute after main returns (tech-notes §5.3). It must be set before Symja is first used.
        Config.JAS_NO_THREADS = true;
        evaluator = new ExprEvaluator(true, (short) 0);
        PrintStream sink = new PrintStream(messages, true, StandardCharsets.UTF_8);
        evaluator.getEvalEngine().setOutPrintStream(sink);
        evaluator.getEvalEngine().setErrorPrintStream(sink);
        LOG.debug("Symja initialised in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** The session, created on first call; call only on the worker thread. */
    static SymjaSession get() {
        if (instance == null) {
            instance = new SymjaSession();
        }
        return instance;
    }

    /** Evaluates {@code text}; one-line output form. */
    String eval(String text, String shown) {
        return outputForm(evaluate(text, shown));
    }

    /** Evaluates {@code text}; LaTeX form. */
    String texForm(String text, String shown) {
        return texForm(evaluate(text, shown));
    }

    /** Evaluates {@code text}; presentation MathML (the inside of a {@code <math>} element). */
    String mathML(String text, String shown) {
        IExpr expr = evaluate(text, shown);
        StringBuilder sb = new StringBuilder();
        if (!new MathMLFormFactory().convert(sb, expr, Integer.MIN_VALUE, false)) {
            throw new IllegalStateException("Symja cannot convert " + outputForm(expr) + " to MathML");
        }
        return sb.toString().strip();
    }

    /**
     * The shortest of {@code Expand}, {@code Simplify} and {@code Factor} of {@code text} (ties to the
     * earlier; {@code Simplify} and {@code Factor} are abandoned after {@code seconds}), as output form and
     * LaTeX, with the numeric constant of a sum written last.
     */
    String[] simplest(String text, String shown, int seconds) {
        parse(text, shown);
        IExpr best = evaluate("Expand(" + text + ")", shown);
        String bestText = outputForm(best);
        for (String head : List.of("Simplify", "Factor")) {
            IExpr candidate = evaluate("TimeConstrained(" + head + "(" + text + ")," + seconds + ",$Failed)", shown);
            if (candidate.isFree(F.$Failed)) {
                String candidateText = outputForm(candidate);
                if (candidateText.length() < bestText.length()) {
                    best = candidate;
                    bestText = candidateText;
                }
            } else {
                LOG.debug("{} of '{}' gave up after {} s", head, shown, seconds);
            }
        }
        return constantLast(best);
    }

    /** Evaluates {@code text}; Symja's full form, e.g. {@code Plus(Times(2,x),Power(y,2))}. */
    String fullForm(String text, String shown) {
        return evaluate(text, shown).fullFormString();
    }

    /** The real value of {@code N(text)}, or {@code NaN} when it is not a real number. */
    double numericValue(String text, String shown) {
        IExpr value = evaluate("N(" + text + ")", shown);
        return value.isReal() ? value.evalf() : Double.NaN;
    }

    /** Whether {@code Expand(difference)}, failing that {@code Simplify(difference)}, is zero. */
    boolean isZero(String difference, String shown, int seconds, List<String> rules) {
        if (evaluate("Expand(" + difference + ")", shown).isZero()) {
            return true;
        }
        for (String r : rules) {
            // a non-zero value at one point settles it before any costly simplification
            if (nonZeroAt(difference, shown, r)) {
                return false;
            }
        }
        return evaluate("TimeConstrained(Simplify(" + difference + ")," + seconds + ",$Failed)", shown).isZero();
    }

    /** A value below this magnitude at {@value #SCREEN_DIGITS} digits is not taken as proof of non-zero. */
    static final double SCREEN_ZERO = 1e-20;

    /** Digits of the numeric screening value where the substituted expression is not a rational number. */
    static final int SCREEN_DIGITS = 50;

    /**
     * Whether {@code difference} with the variables replaced by {@code rule} is certainly not zero: an exact non-zero
     * rational, or (roots, logarithms, exponentials of rationals) a {@value #SCREEN_DIGITS}-digit value above
     * {@link #SCREEN_ZERO} in magnitude — far above the rounding of a 50-digit sum of terms of ordinary size.
     */
    private boolean nonZeroAt(String difference, String shown, String rule) {
        String v = valueAt(difference, shown, rule, SCREEN_DIGITS);
        return v.startsWith("exact:") || v.startsWith("numeric:") && Double.parseDouble(v.substring(8)) > SCREEN_ZERO;
    }

    /**
     * The value of {@code text} with the variables replaced by {@code rule}: {@code "0"}, {@code "exact:V"} for an
     * exact non-zero number, {@code "numeric:M"} for the magnitude of its {@code digits}-digit value when it is not an
     * exact number, {@code "none"} when it has no real value. The substituted expression is a number: it is evaluated
     * as it is, never through {@code Together} (which stalls on sums of {@code Exp(rational)}), and its numeric value
     * is taken from the expression, never printed and parsed back (a printed long number does not parse).
     */
    private String valueAt(String text, String shown, String rule, int digits) {
        IExpr v = evaluate("ReplaceAll(" + text + "," + rule + ")", shown);
        if (v.isZero()) {
            return "0";
        }
        if (v.isRational() || v.isInteger()) {
            return "exact:" + outputForm(v);
        }
        IExpr n = evaluator.eval(F.N(v, F.ZZ(digits)));
        return n.isReal() ? "numeric:" + Math.abs(n.evalf()) : "none";
    }

    /**
     * Whether {@code text} is identically zero: {@code "symbolic"} when {@code Expand} or (within {@code seconds})
     * {@code Together} of it is 0; otherwise its value at each point ({@code rules}, a list of replacement rules
     * each): {@code "0"} for an exact zero, {@code "exact:V"} for an exact non-zero number, {@code "numeric:V"} for
     * the magnitude of its {@code digits}-digit numeric value when it is not an exact number (roots, logarithms,
     * exponentials), {@code "none"} when it has no real value there. Stops at the first exact non-zero point.
     */
    List<String> zeroTest(String text, String shown, List<String> rules, int digits, int seconds) {
        if (evaluate("Expand(" + text + ")", shown).isZero()) {
            return List.of("symbolic");
        }
        // an exact non-zero value at the first point settles it before any costly simplification
        String first = rules.isEmpty() ? null : valueAt(text, shown, rules.get(0), digits);
        if (first != null && first.startsWith("exact:")) {
            return List.of(first);
        }
        if (evaluate("TimeConstrained(Together(" + text + ")," + seconds + ",$Failed)", shown).isZero()) {
            return List.of("symbolic");
        }
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String v = i == 0 ? first : valueAt(text, shown, rules.get(i), digits);
            out.add(v);
            if (v.startsWith("exact:")) {
                break;
            }
        }
        return out;
    }

    /** The exact rank of the matrix {@code text} (a list of lists) evaluated with {@code rule}; -1 if not exact. */
    int exactRank(String text, String shown, String rule) {
        IExpr m = evaluate("ReplaceAll(" + text + "," + rule + ")", shown);
        // built as expressions, never printed and parsed back (a printed long number does not parse)
        if (!evaluator.eval(F.binaryAST2(S.MatrixQ, m, S.ExactNumberQ)).isTrue()
                || !evaluator.eval(F.FreeQ(m, S.Power)).isTrue()) {
            return -1; // roots, logarithms or exponentials: not exact rationals
        }
        IExpr rank = evaluator.eval(F.unaryAST1(S.MatrixRank, m));
        return rank.isInteger() ? rank.toIntDefault() : -1;
    }

    /** Messages Symja printed since the last call (warnings such as "Infinite expression 1/0"), then cleared. */
    String drainMessages() {
        String text = messages.toString(StandardCharsets.UTF_8).strip();
        messages.reset();
        return text;
    }

    private IExpr parse(String text, String shown) {
        try {
            return evaluator.parse(text);
        } catch (SyntaxError e) {
            throw new InvariantLabException("cannot parse '" + shown + "' as a Symja expression: "
                    + Throwables.firstLine(e.getMessage()) + "; write e.g. 1/Sqrt(x^2+y^2) or x*vy-y*vx", e);
        }
    }

    private IExpr evaluate(String text, String shown) {
        return evaluator.eval(parse(text, shown));
    }

    /** One-line output form: Symja's own {@code toString} breaks long expressions over lines. */
    private static String outputForm(IExpr expr) {
        StringBuilder sb = new StringBuilder();
        OutputFormFactory form = OutputFormFactory.get(true, false);
        form.setIgnoreNewLine(true);
        if (!form.convert(sb, expr)) {
            throw new IllegalStateException("Symja cannot print " + expr.fullFormString());
        }
        return sb.toString();
    }

    private static String texForm(IExpr expr) {
        StringBuilder sb = new StringBuilder();
        if (!new TeXFormFactory().convert(sb, expr)) {
            throw new IllegalStateException("Symja cannot convert " + outputForm(expr) + " to LaTeX");
        }
        return sb.toString().strip();
    }

    /**
     * Output and TeX form with a numeric constant of a sum written last ({@code -t^2+x^2-2/3} rather than
     * Symja's {@code -2/3-t^2+x^2}): it reads as "formula plus constant".
     */
    private static String[] constantLast(IExpr expr) {
        if (expr.isPlus() && expr.argSize() >= 2 && expr.first().isReal()) {
            IAST rest = ((IAST) expr).rest();
            IExpr body = rest.argSize() == 1 ? rest.arg1() : rest;
            IExpr constant = expr.first();
            boolean negative = constant.isNegative();
            IExpr magnitude = negative ? constant.negate() : constant;
            String sign = negative ? "-" : "+";
            return new String[] {
                outputForm(body) + sign + outputForm(magnitude),
                texForm(body) + " " + sign + " " + texForm(magnitude)};
        }
        return new String[] {outputForm(expr), texForm(expr)};
    }
}
