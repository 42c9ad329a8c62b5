package org.invariantlab.core.symbolic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.TrueInvariant;

/**
 * A true invariant given as a formula, {@code NAME=EXPR} in Symja syntax over the state variables, such as a
 * physicist's suspected invariant of measured data: {@code H=px^2/2+py^2/2-1/Sqrt(x^2+y^2)}. It is scored
 * exactly like a built-in system's invariant, with its value and its exact gradient.
 *
 * <p>The formula is first parsed by {@link SafeExpression} (a whitelist of syntax and functions, with bounds), and
 * only that parse, rendered by InvariantLab, reaches Symja, which differentiates it ({@code D(expr, v)} for each variable); the formula and its
 * derivatives are then compiled into trees of Java closures, so evaluating them costs no Symja call (100 000
 * states take milliseconds). The compiled functions are: {@code Plus, Times, Power} (so {@code Sqrt},
 * {@code Exp} and division), {@code Log} (one or two arguments), {@code Sin, Cos, Tan, Cot, Sec, Csc},
 * {@code ArcSin, ArcCos, ArcTan} (one or two arguments), {@code Sinh, Cosh, Tanh, Coth, Sech, Csch},
 * {@code ArcSinh, ArcCosh, ArcTanh}, {@code Abs, Sign}, with integers, rationals, decimals and the constants
 * {@code Pi}, {@code E} and {@code Degree}. Any other function, or a symbol that is not a variable, is refused in
 * one line. Where the formula has no real value (a logarithm of a negative number) it evaluates to NaN.
 */
public final class ExpressionInvariant {

    private static final Map<String, DoubleUnaryOperator> UNARY = new TreeMap<>();
    private static final Map<String, DoubleBinaryOperator> BINARY = new TreeMap<>();

    static {
        UNARY.put("Sqrt", Math::sqrt);
        UNARY.put("Exp", Math::exp);
        UNARY.put("Log", Math::log);
        UNARY.put("Sin", Math::sin);
        UNARY.put("Cos", Math::cos);
        UNARY.put("Tan", Math::tan);
        UNARY.put("Cot", x -> 1 / Math.tan(x));
        UNARY.put("Sec", x -> 1 / Math.cos(x));
        UNARY.put("Csc", x -> 1 / Math.sin(x));
        UNARY.put("ArcSin", Math::asin);
        UNARY.put("ArcCos", Math::acos);
        UNARY.put("ArcTan", Math::atan);
        UNARY.put("Sinh", Math::sinh);
        UNARY.put("Cosh", Math::cosh);
        UNARY.put("Tanh", Math::tanh);
        UNARY.put("Coth", x -> 1 / Math.tanh(x));
        UNARY.put("Sech", x -> 1 / Math.cosh(x));
        UNARY.put("Csch", x -> 1 / Math.sinh(x));
        UNARY.put("ArcSinh", x -> Math.log(x + Math.sqrt(x * x + 1)));
        UNARY.put("ArcCosh", x -> Math.log(x + Math.sqrt(x * x - 1)));
        UNARY.put("ArcTanh", x -> 0.5 * Math.log((1 + x) / (1 - x)));
        UNARY.put("Abs", Math::abs);
        UNARY.put("Sign", Math::signum);
        BINARY.put("Log", (b, x) -> Math.log(x) / Math.log(b));
        BINARY.put("ArcTan", (x, y) -> Math.atan2(y, x));
    }

    /** A compiled function of the state. */
    @FunctionalInterface
    interface Node {
        double at(double[] x);
    }

    /** A node that reads no variable. */
    private record Const(double v) implements Node {
        @Override
        public double at(double[] x) {
            return v;
        }
    }

    private ExpressionInvariant() {
    }

    /**
     * The invariant of a definition {@code NAME=EXPR}, e.g. {@code L=x*vy-y*vx}.
     *
     * @param variables the state variables, in state order
     * @throws InvalidInputException if the definition is malformed, does not parse, or uses an unknown function or
     *                               symbol
     */
    public static TrueInvariant parse(String definition, List<String> variables) {
        Objects.requireNonNull(definition, "definition");
        int eq = definition.indexOf('=');
        if (eq < 0) {
            throw new InvalidInputException("truth '" + InvalidInputException.excerpt(definition) + "' has no '=';"
                    + " write NAME=EXPR, e.g. L=x*vy-y*vx");
        }
        return of(definition.substring(0, eq).strip(), definition.substring(eq + 1).strip(), variables);
    }

    /**
     * The invariant {@code name} with formula {@code expression} over {@code variables}.
     *
     * @throws InvalidInputException if the name is not a plain symbol, or the formula does not parse or uses an
     *                               unknown function or symbol
     */
    public static TrueInvariant of(String name, String expression, List<String> variables) {
        return of(name, expression, variables, "truth");
    }

    /**
     * As {@link #of(String, String, List)}, with {@code kind} naming what the formula is in messages ({@code truth},
     * {@code formula}, {@code feature}).
     */
    public static TrueInvariant of(String name, String expression, List<String> variables, String kind) {
        Objects.requireNonNull(expression, "expression");
        String shown = kind.equals("truth") ? name + "=" + expression : expression;
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new InvalidInputException(kind + " '" + InvalidInputException.excerpt(shown) + "': the name '"
                    + InvalidInputException.excerpt(name) + "' is not a plain symbol; write NAME=EXPR, e.g. L=x*vy-y*vx");
        }
        if (expression.isBlank()) {
            throw new InvalidInputException(kind + " '" + InvalidInputException.excerpt(shown) + "' has no formula after"
                    + " '='; write NAME=EXPR, e.g. L=x*vy-y*vx");
        }
        try {
            new SymbolNames(variables); // plain, distinct variable names
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(kind + " '" + InvalidInputException.excerpt(shown) + "': " + e.getMessage());
        }
        String internal;
        String full;
        // our own parser first: only whitelisted syntax reaches Symja, never the user's text (SafeExpression)
        SafeExpression.Node parsed = SafeExpression.parse(expression, variables, kind + " '"
                + InvalidInputException.excerpt(shown) + "'");
        try {
            internal = SafeExpression.toSymja(parsed, java.util.stream.IntStream.range(0, variables.size())
                    .mapToObj(SymbolNames::internal).toList());
            StringBuilder list = new StringBuilder("{(").append(internal).append(')');
            for (int i = 0; i < variables.size(); i++) {
                list.append(",D((").append(internal).append("),").append(SymbolNames.internal(i)).append(')');
            }
            full = Cas.fullForm(list.append('}').toString(), expression);
        } catch (InvariantLabException e) {
            throw new InvalidInputException(kind + " '" + InvalidInputException.excerpt(shown) + "': " + e.getMessage(), e);
        }
        Compiler compiler = new Compiler(full, kind + " '" + InvalidInputException.excerpt(shown) + "'", expression, variables);
        List<Node> parts = compiler.list();
        Node value = parts.get(0);
        Node[] gradient = parts.subList(1, parts.size()).toArray(Node[]::new);
        int d = variables.size();
        ScalarField field = new ScalarField() {
            @Override
            public double value(double[] x) {
                check(x);
                return value.at(x);
            }

            @Override
            public double[] gradient(double[] x) {
                check(x);
                double[] g = new double[d];
                for (int i = 0; i < d; i++) {
                    g[i] = gradient[i].at(x);
                }
                return g;
            }

            private void check(double[] x) {
                if (x.length != d) {
                    throw new IllegalArgumentException("state of " + x.length + " values for " + d + " variables");
                }
            }
        };
        return new TrueInvariant(name, expression.strip(), "given as " + InvalidInputException.excerpt(expression),
                field);
    }

    /** Compiles Symja's full form (in internal variable names) into closures. */
    private static final class Compiler {

        private final String text;
        private final String shown;
        private final String expression;
        private final List<String> variables;
        private int pos;

        Compiler(String text, String shown, String expression, List<String> variables) {
            this.text = text;
            this.shown = shown;
            this.expression = expression;
            this.variables = variables;
        }

        List<Node> list() {
            skipSpace();
            if (!text.startsWith("List", pos)) {
                throw unexpected();
            }
            pos += 4;
            List<Node> out = arguments();
            if (out.size() != variables.size() + 1) {
                throw unexpected();
            }
            return out;
        }

        private Node expr() {
            skipSpace();
            if (pos >= text.length()) {
                throw unexpected();
            }
            char c = text.charAt(pos);
            if (c == '-' || Character.isDigit(c) || c == '.') {
                return new Const(number());
            }
            if (!Character.isLetter(c) && c != '$') {
                throw unexpected();
            }
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '$'
                    || text.charAt(pos) == '`')) {
                pos++;
            }
            String head = text.substring(start, pos);
            skipSpace();
            if (pos < text.length() && (text.charAt(pos) == '(' || text.charAt(pos) == '[')) {
                List<Node> args = arguments();
                return head.equals("Derivative") ? derivative(args) : call(head, args);
            }
            return symbol(head);
        }

        /** Symja's forms of an infinite or undefined value. */
        private static final java.util.Set<String> UNDEFINED = java.util.Set.of("DirectedInfinity", "ComplexInfinity",
                "Infinity", "Indeterminate", "Overflow", "Underflow");

        private Node symbol(String name) {
            if (UNDEFINED.contains(name)) {
                throw refuse("it is infinite or undefined (a division by zero, or a limit the formula does not have); "
                        + "write a formula with a finite value");
            }
            if (name.matches("ilvar\\d{3}")) {
                int i = Integer.parseInt(name.substring(5));
                return x -> x[i];
            }
            return switch (name) {
                case "Pi" -> new Const(Math.PI);
                case "E" -> new Const(Math.E);
                case "Degree" -> new Const(Math.PI / 180);
                case "I" -> throw refuse("it has complex values (the imaginary unit I appears); write a real formula");
                default -> throw refuse("unknown symbol " + asWritten(name) + "; the formula may use the variables "
                        + String.join(", ", variables) + " and the constants Pi and E");
            };
        }

        private Node call(String head, List<Node> a) {
            if (UNDEFINED.contains(head)) {
                throw refuse("it is infinite or undefined (a division by zero, or a limit the formula does not have); "
                        + "write a formula with a finite value");
            }
            switch (head) {
                case "Plus":
                    return sum(a);
                case "Times":
                    return product(a);
                case "Power":
                    need(head, a, 2);
                    return power(a.get(0), a.get(1));
                case "Rational":
                    need(head, a, 2);
                    if (!(a.get(0) instanceof Const p && a.get(1) instanceof Const q)) {
                        throw unexpected();
                    }
                    return new Const(p.v() / q.v());
                case "Complex":
                    throw refuse("it has complex values; write a real formula");
                default:
                    break;
            }
            if (a.size() == 1 && UNARY.containsKey(head)) {
                DoubleUnaryOperator f = UNARY.get(head);
                Node u = a.get(0);
                return x -> f.applyAsDouble(u.at(x));
            }
            if (a.size() == 2 && BINARY.containsKey(head)) {
                DoubleBinaryOperator f = BINARY.get(head);
                Node u = a.get(0);
                Node v = a.get(1);
                return x -> f.applyAsDouble(u.at(x), v.at(x));
            }
            if (UNARY.containsKey(head) || BINARY.containsKey(head)) {
                throw refuse(head + " with " + a.size() + " arguments is not supported");
            }
            throw refuse("unknown function " + asWritten(head) + "; the formula may use Plus, Times, Power, "
                    + String.join(", ", UNARY.keySet()));
        }

        /**
         * {@code Derivative(1)[f][u]}, Symja's form of the derivative of a function it leaves unevaluated: that of
         * {@code Abs} is {@code Sign} (and 0 at 0), that of {@code Sign} is 0.
         */
        private Node derivative(List<Node> orders) {
            skipSpace();
            int start = pos;
            if (pos >= text.length() || (text.charAt(pos) != '(' && text.charAt(pos) != '[')) {
                throw unexpected();
            }
            pos++;
            skipSpace();
            int nameStart = pos;
            while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
                pos++;
            }
            String f = text.substring(nameStart, pos);
            skipSpace();
            if (pos >= text.length() || (text.charAt(pos) != ')' && text.charAt(pos) != ']')) {
                pos = start;
                throw unexpected();
            }
            pos++;
            skipSpace();
            if (pos >= text.length() || (text.charAt(pos) != '(' && text.charAt(pos) != '[')) {
                throw unexpected();
            }
            List<Node> args = arguments();
            boolean first = orders.size() == 1 && orders.get(0) instanceof Const c && c.v() == 1 && args.size() == 1;
            if (first && f.equals("Abs")) {
                Node u = args.get(0);
                return x -> Math.signum(u.at(x));
            }
            if (first && f.equals("Sign")) {
                return new Const(0);
            }
            throw refuse("Symja cannot differentiate " + asWritten(f) + " in closed form; write a differentiable"
                    + " formula");
        }

        private static Node sum(List<Node> a) {
            Node[] n = a.toArray(Node[]::new);
            if (n.length == 2) {
                Node u = n[0];
                Node v = n[1];
                return x -> u.at(x) + v.at(x);
            }
            return x -> {
                double s = 0;
                for (Node k : n) {
                    s += k.at(x);
                }
                return s;
            };
        }

        private static Node product(List<Node> a) {
            Node[] n = a.toArray(Node[]::new);
            if (n.length == 2) {
                Node u = n[0];
                Node v = n[1];
                return x -> u.at(x) * v.at(x);
            }
            return x -> {
                double p = 1;
                for (Node k : n) {
                    p *= k.at(x);
                }
                return p;
            };
        }

        private static Node power(Node base, Node exponent) {
            Double e = constant(exponent);
            Double b = constant(base);
            if (b != null && b == Math.E) {
                return x -> Math.exp(exponent.at(x));
            }
            if (e != null) {
                double k = e;
                if (k == 0.5) {
                    return x -> Math.sqrt(base.at(x));
                }
                if (k == -0.5) {
                    return x -> 1 / Math.sqrt(base.at(x));
                }
                if (k == Math.rint(k) && Math.abs(k) <= 64) {
                    int n = (int) k;
                    return x -> integerPower(base.at(x), n);
                }
                return x -> Math.pow(base.at(x), k);
            }
            return x -> Math.pow(base.at(x), exponent.at(x));
        }

        private static double integerPower(double b, int n) {
            int m = Math.abs(n);
            double r = 1;
            double f = b;
            while (m > 0) {
                if ((m & 1) != 0) {
                    r *= f;
                }
                f *= f;
                m >>= 1;
            }
            return n < 0 ? 1 / r : r;
        }

        /** The value of a node that reads no variable, or {@code null}. */
        private static Double constant(Node n) {
            return n instanceof Const c ? c.v() : null;
        }

        private List<Node> arguments() {
            char open = text.charAt(pos);
            char close = open == '(' ? ')' : ']';
            pos++;
            List<Node> out = new ArrayList<>();
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == close) {
                pos++;
                return out;
            }
            while (true) {
                out.add(expr());
                skipSpace();
                if (pos >= text.length()) {
                    throw unexpected();
                }
                char c = text.charAt(pos++);
                if (c == close) {
                    return out;
                }
                if (c != ',') {
                    throw unexpected();
                }
            }
        }

        private double number() {
            int start = pos;
            if (text.charAt(pos) == '-') {
                pos++;
            }
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            String mantissa = text.substring(start, pos);
            if (pos < text.length() && text.charAt(pos) == '`') {
                pos++;
                while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                    pos++;
                }
            }
            int exponent = 0;
            if (text.startsWith("*^", pos) || (pos < text.length() && (text.charAt(pos) == 'E' || text.charAt(pos) == 'e')
                    && pos + 1 < text.length() && (text.charAt(pos + 1) == '-' || Character.isDigit(text.charAt(pos + 1))))) {
                pos += text.charAt(pos) == '*' ? 2 : 1;
                int es = pos;
                if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
                    pos++;
                }
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                exponent = Integer.parseInt(text.substring(es, pos));
            }
            try {
                double m = mantissa.contains(".") ? Double.parseDouble(mantissa) : new BigInteger(mantissa).doubleValue();
                return exponent == 0 ? m : Double.parseDouble(mantissa + "E" + exponent);
            } catch (NumberFormatException e) {
                throw unexpected();
            }
        }

        private void need(String head, List<Node> a, int n) {
            if (a.size() != n) {
                throw refuse(head + " with " + a.size() + " arguments is not supported");
            }
        }

        /** {@code name} as the user wrote it: Symja lower-cases unknown names longer than one letter. */
        private String asWritten(String name) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]*").matcher(expression);
            while (m.find()) {
                if (m.group().equalsIgnoreCase(name)) {
                    return m.group();
                }
            }
            return name;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private InvalidInputException refuse(String what) {
            return new InvalidInputException(shown + ": " + what);
        }

        private InvalidInputException unexpected() {
            return refuse("cannot compile Symja's form of it near '"
                    + InvalidInputException.excerpt(text.substring(Math.min(pos, text.length()))) + "'");
        }
    }
}
