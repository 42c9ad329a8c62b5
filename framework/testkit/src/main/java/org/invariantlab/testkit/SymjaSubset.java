package org.invariantlab.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A numeric evaluator for the subset of Symja's input syntax that invariant and feature expressions use,
 * so the contract test can check that an expression and its evaluator describe the same function.
 *
 * <p>Grammar (Symja precedence: {@code ^} binds tighter than unary minus, so {@code -x^2 = -(x^2)}, and is
 * right-associative; juxtaposition such as {@code 2 x} or {@code 2x} multiplies):
 * <pre>
 *   sum     = product { ("+" | "-") product }
 *   product = unary { ("*" | "/" | juxtaposition) unary }
 *   unary   = ("-" | "+") unary | power
 *   power   = primary [ "^" unary ]
 *   primary = number | name "(" sum { "," sum } ")" | name "[" ... "]" | name | "(" sum ")"
 * </pre>
 * Names are state variables, the constants {@code Pi} and {@code E} (unless a variable has that name), or the
 * functions {@code Sqrt, Exp, Log} (one argument, or {@code Log(b, x)}), {@code Sin, Cos, Tan, Sinh, Cosh,
 * Tanh, ArcSin, ArcCos, ArcTan} (one argument, or {@code ArcTan(x, y)} = {@code atan2(y, x)}) and
 * {@code Abs}; function names are matched case-insensitively, as in Symja's relaxed mode.
 *
 * <p>A call of any other function raises {@link Unsupported}: the expression may well be valid Symja, it is
 * only outside what this evaluator checks. Any other syntax error, and a bare name that is neither a variable
 * nor a known constant, raise {@link IllegalArgumentException}: such an expression cannot be a formula over
 * the state variables.
 */
final class SymjaSubset {

    /** The expression calls a function this evaluator does not implement. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    private final String text;
    private final Map<String, Integer> variables;
    private int pos;

    private SymjaSubset(String text, List<String> variables) {
        this.text = text;
        this.variables = new java.util.HashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            this.variables.put(variables.get(i), i);
        }
    }

    /**
     * Parses {@code expression} over {@code variables} (state order) into an evaluator of a state vector.
     *
     * @throws Unsupported              if the expression calls a function outside the subset
     * @throws IllegalArgumentException if the expression is malformed or names an unknown symbol
     */
    static ToDoubleFunction<double[]> parse(String expression, List<String> variables) {
        SymjaSubset p = new SymjaSubset(expression, variables);
        ToDoubleFunction<double[]> f = p.sum();
        p.skipSpace();
        if (p.pos != p.text.length()) {
            throw p.error("unexpected '" + p.text.charAt(p.pos) + "'");
        }
        return f;
    }

    private ToDoubleFunction<double[]> sum() {
        ToDoubleFunction<double[]> left = product();
        while (true) {
            if (accept('+')) {
                ToDoubleFunction<double[]> a = left;
                ToDoubleFunction<double[]> b = product();
                left = x -> a.applyAsDouble(x) + b.applyAsDouble(x);
            } else if (accept('-')) {
                ToDoubleFunction<double[]> a = left;
                ToDoubleFunction<double[]> b = product();
                left = x -> a.applyAsDouble(x) - b.applyAsDouble(x);
            } else {
                return left;
            }
        }
    }

    private ToDoubleFunction<double[]> product() {
        ToDoubleFunction<double[]> left = unary();
        while (true) {
            if (accept('*')) {
                ToDoubleFunction<double[]> a = left;
                ToDoubleFunction<double[]> b = unary();
                left = x -> a.applyAsDouble(x) * b.applyAsDouble(x);
            } else if (accept('/')) {
                ToDoubleFunction<double[]> a = left;
                ToDoubleFunction<double[]> b = unary();
                left = x -> a.applyAsDouble(x) / b.applyAsDouble(x);
            } else if (startsPrimary()) {
                ToDoubleFunction<double[]> a = left;
                ToDoubleFunction<double[]> b = power();
                left = x -> a.applyAsDouble(x) * b.applyAsDouble(x);
            } else {
                return left;
            }
        }
    }

    private ToDoubleFunction<double[]> unary() {
        if (accept('-')) {
            ToDoubleFunction<double[]> a = unary();
            return x -> -a.applyAsDouble(x);
        }
        if (accept('+')) {
            return unary();
        }
        return power();
    }

    private ToDoubleFunction<double[]> power() {
        ToDoubleFunction<double[]> base = primary();
        if (accept('^')) {
            ToDoubleFunction<double[]> exponent = unary();
            return x -> pow(base.applyAsDouble(x), exponent.applyAsDouble(x));
        }
        return base;
    }

    /** Powers with small whole exponents are multiplied out, as exactly as the evaluators usually do. */
    private static double pow(double b, double e) {
        if (e == 2) {
            return b * b;
        }
        if (e == 3) {
            return b * b * b;
        }
        if (e == -1) {
            return 1 / b;
        }
        if (e == 0.5) {
            return Math.sqrt(b);
        }
        return Math.pow(b, e);
    }

    private ToDoubleFunction<double[]> primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("expression ends early");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            ToDoubleFunction<double[]> inner = sum();
            expect(')');
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            double v = number();
            return x -> v;
        }
        if (Character.isLetter(c) || c == '$') {
            String name = name();
            skipSpace();
            if (pos < text.length() && (text.charAt(pos) == '(' || text.charAt(pos) == '[')) {
                char close = text.charAt(pos) == '(' ? ')' : ']';
                pos++;
                List<ToDoubleFunction<double[]>> args = new ArrayList<>();
                args.add(sum());
                while (accept(',')) {
                    args.add(sum());
                }
                expect(close);
                return function(name, args);
            }
            Integer index = variables.get(name);
            if (index != null) {
                int i = index;
                return x -> x[i];
            }
            if (name.equals("Pi")) {
                return x -> Math.PI;
            }
            if (name.equals("E")) {
                return x -> Math.E;
            }
            throw error("'" + name + "' is neither a state variable " + variables.keySet() + " nor a known constant");
        }
        throw error("unexpected '" + c + "'");
    }

    private ToDoubleFunction<double[]> function(String name, List<ToDoubleFunction<double[]>> args) {
        String key = name.toLowerCase(Locale.ROOT);
        int n = args.size();
        ToDoubleFunction<double[]> a = args.get(0);
        if (n == 2 && key.equals("log")) {
            ToDoubleFunction<double[]> b = args.get(1);
            return x -> Math.log(b.applyAsDouble(x)) / Math.log(a.applyAsDouble(x));
        }
        if (n == 2 && key.equals("arctan")) {
            ToDoubleFunction<double[]> b = args.get(1);
            return x -> Math.atan2(b.applyAsDouble(x), a.applyAsDouble(x));
        }
        java.util.function.DoubleUnaryOperator op = switch (key) {
            case "sqrt" -> Math::sqrt;
            case "exp" -> Math::exp;
            case "log" -> Math::log;
            case "sin" -> Math::sin;
            case "cos" -> Math::cos;
            case "tan" -> Math::tan;
            case "sinh" -> Math::sinh;
            case "cosh" -> Math::cosh;
            case "tanh" -> Math::tanh;
            case "arcsin" -> Math::asin;
            case "arccos" -> Math::acos;
            case "arctan" -> Math::atan;
            case "abs" -> Math::abs;
            default -> null;
        };
        if (op == null || n != 1) {
            throw new Unsupported("function " + name + " with " + n + " argument(s) is outside the checked subset of Symja");
        }
        return x -> op.applyAsDouble(a.applyAsDouble(x));
    }

    private double number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        // Symja writes scientific notation as 1.5*10^-3 or 1.5E-3; accept the latter
        if (pos < text.length() && (text.charAt(pos) == 'E' || text.charAt(pos) == 'e')) {
            int save = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        String s = text.substring(start, pos);
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error("malformed number '" + s + "'");
        }
    }

    private String name() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '$')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean startsPrimary() {
        skipSpace();
        if (pos >= text.length()) {
            return false;
        }
        char c = text.charAt(pos);
        return c == '(' || Character.isLetterOrDigit(c) || c == '.';
    }

    private boolean accept(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at position " + pos + " of '" + text + "'");
    }
}
