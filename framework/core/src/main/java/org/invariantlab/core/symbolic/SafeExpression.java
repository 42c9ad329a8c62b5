package org.invariantlab.core.symbolic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.invariantlab.api.InvalidInputException;

/**
 * A formula typed by a person (a suspected invariant {@code --truth}, a spec's {@code file.truth}, a grid's
 * {@code truth:}), parsed by InvariantLab's own grammar <em>before</em> a computer-algebra system sees it, so that
 * a file from someone else can never make InvariantLab execute anything: only what is on the whitelist below gets
 * through, and Symja is then handed InvariantLab's own rendering of the parsed tree, never the user's text.
 *
 * <p>The whitelist (docs/expressions.md): numbers ({@code 3}, {@code 0.5}, {@code 1.5e-3}); the state variables;
 * the constants {@code Pi}, {@code E} and {@code Degree}; {@code + - * / ^} and parentheses; and the elementary
 * functions {@link #FUNCTIONS} ({@code Sqrt, Exp, Log, Sin, …, Abs, Sign}), with round or square brackets, names
 * in any letter case. Bounds, so that nothing can make the CAS work for long: at most {@value #MAX_LENGTH}
 * characters, {@value #MAX_NODES} nodes, nesting depth {@value #MAX_DEPTH}, numbers of at most
 * {@value #MAX_NUMBER_LENGTH} characters, and a polynomial degree of at most {@value #MAX_DEGREE} (so an
 * expansion stays small: {@code (x+y)^200} is refused). Anything else — another function ({@code Export},
 * {@code Table}, {@code Pause}), a list, a string, an assignment, a pattern — is refused in one line that names
 * the offending part.
 */
public final class SafeExpression {

    /** The longest formula accepted, in characters. */
    public static final int MAX_LENGTH = 4000;
    /** The most nodes (numbers, symbols, operations) a formula may have. */
    public static final int MAX_NODES = 1000;
    /** The deepest nesting of operations. */
    public static final int MAX_DEPTH = 60;
    /** The longest number literal. */
    public static final int MAX_NUMBER_LENGTH = 40;
    /** The highest polynomial degree a formula may reach (counting a function's value as degree 1). */
    public static final int MAX_DEGREE = 64;

    /** The functions a formula may call: name to the numbers of arguments it takes. */
    public static final Map<String, Set<Integer>> FUNCTIONS;

    static {
        Map<String, Set<Integer>> f = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : List.of("Sqrt", "Exp", "Sin", "Cos", "Tan", "Cot", "Sec", "Csc", "ArcSin", "ArcCos",
                "Sinh", "Cosh", "Tanh", "Coth", "Sech", "Csch", "ArcSinh", "ArcCosh", "ArcTanh", "Abs", "Sign")) {
            f.put(name, Set.of(1));
        }
        f.put("Log", Set.of(1, 2));
        f.put("ArcTan", Set.of(1, 2));
        FUNCTIONS = Collections.unmodifiableMap(f);
    }

    private static final Map<String, String> CANONICAL_FUNCTION = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private static final Map<String, String> CONSTANTS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        FUNCTIONS.keySet().forEach(n -> CANONICAL_FUNCTION.put(n, n));
        CONSTANTS.put("Pi", "Pi");
        CONSTANTS.put("E", "E");
        CONSTANTS.put("Degree", "Degree");
    }

    /** A parsed formula. */
    public sealed interface Node permits Num, Var, Const, Neg, Bin, Call {
    }

    /** A number as written (digits, a point, an exponent). */
    public record Num(BigDecimal value) implements Node {
    }

    /** State variable {@code index}. */
    public record Var(int index, String name) implements Node {
    }

    /** {@code Pi}, {@code E} or {@code Degree}. */
    public record Const(String name) implements Node {
    }

    /** {@code -a}. */
    public record Neg(Node a) implements Node {
    }

    /** {@code a op b} for {@code op} one of {@code + - * / ^}. */
    public record Bin(char op, Node a, Node b) implements Node {
    }

    /** A whitelisted function of one or two arguments, by its canonical name. */
    public record Call(String function, List<Node> args) implements Node {
        public Call {
            args = List.copyOf(args);
        }
    }

    private final String text;
    private final List<String> variables;
    private final String what;
    private int pos;
    private int nodes;

    private SafeExpression(String text, List<String> variables, String what) {
        this.text = text;
        this.variables = variables;
        this.what = what;
    }

    /**
     * Parses {@code text} over {@code variables} (any plain name is accepted as a variable when {@code null}: for
     * checking a file before its variables are known).
     *
     * @param what how to name the formula in messages, e.g. {@code truth 'E' (line 12)}
     * @throws InvalidInputException naming the offending part
     */
    public static Node parse(String text, List<String> variables, String what) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(what + " is empty; write a formula such as x*vy-y*vx");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException(what + " is " + text.length() + " characters long; at most " + MAX_LENGTH
                    + " are accepted");
        }
        SafeExpression p = new SafeExpression(text, variables, what);
        Node n = p.sum(0);
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.refuse("unexpected '" + InvalidInputException.excerpt(text.substring(p.pos)) + "'"
                    + hint(text.charAt(p.pos)));
        }
        int degree = degree(n);
        if (degree > MAX_DEGREE) {
            throw new InvalidInputException(what + " reaches polynomial degree " + degree + "; at most " + MAX_DEGREE
                    + " is accepted (write the power of a sum as a function of a new variable, or lower it)");
        }
        return n;
    }

    /** Checks {@code text} against the whitelist without knowing the variables. */
    public static void check(String text, String what) {
        parse(text, null, what);
    }

    /**
     * The formula as Symja input, with variable {@code i} written {@code internal.get(i)}, fully parenthesised and
     * with canonical function names: the only text of a formula that reaches the CAS.
     */
    public static String toSymja(Node n, List<String> internal) {
        StringBuilder b = new StringBuilder();
        render(n, internal, b);
        return b.toString();
    }

    private static void render(Node n, List<String> internal, StringBuilder b) {
        if (n instanceof Num num) {
            BigDecimal v = num.value().stripTrailingZeros();
            // a decimal stays a decimal (the CAS rationalises what it must); an integer stays exact
            b.append(v.scale() <= 0 ? v.toBigIntegerExact().toString() : "(" + v.toPlainString() + ")");
        } else if (n instanceof Var v) {
            b.append(internal.get(v.index()));
        } else if (n instanceof Const c) {
            b.append(c.name());
        } else if (n instanceof Neg g) {
            b.append("(-");
            render(g.a(), internal, b);
            b.append(")");
        } else if (n instanceof Bin bin) {
            b.append("(");
            render(bin.a(), internal, b);
            b.append(bin.op());
            render(bin.b(), internal, b);
            b.append(")");
        } else {
            Call call = (Call) n;
            b.append(call.function()).append("(");
            for (int i = 0; i < call.args().size(); i++) {
                if (i > 0) {
                    b.append(",");
                }
                render(call.args().get(i), internal, b);
            }
            b.append(")");
        }
    }

    /** An upper bound of the polynomial degree; a function's value counts as degree 1. */
    static int degree(Node n) {
        if (n instanceof Num || n instanceof Const) {
            return 0;
        }
        if (n instanceof Var) {
            return 1;
        }
        if (n instanceof Neg g) {
            return degree(g.a());
        }
        if (n instanceof Call call) {
            int inner = 0;
            for (Node a : call.args()) {
                inner = Math.max(inner, degree(a));
            }
            return inner > MAX_DEGREE ? inner : 1; // an argument of too high a degree is refused as well
        }
        Bin bin = (Bin) n;
        int a = degree(bin.a());
        switch (bin.op()) {
            case '+':
            case '-':
                return Math.max(a, degree(bin.b()));
            case '*':
            case '/':
                return saturated((long) a + degree(bin.b()));
            default:
                BigDecimal k = integerExponent(bin.b());
                if (k != null) {
                    return saturated(k.abs().min(BigDecimal.valueOf(1_000_000L)).longValue() * a);
                }
                return Math.max(a, degree(bin.b()));
        }
    }

    /** The exponent if it is an integer literal (or its negative), else null. */
    private static BigDecimal integerExponent(Node e) {
        if (e instanceof Neg g) {
            BigDecimal k = integerExponent(g.a());
            return k == null ? null : k.negate();
        }
        if (e instanceof Num num && num.value().stripTrailingZeros().scale() <= 0) {
            return num.value();
        }
        return null;
    }

    private static int saturated(long v) {
        return (int) Math.min(v, Integer.MAX_VALUE / 4);
    }

    // sum := product (('+'|'-') product)*
    private Node sum(int depth) {
        Node left = product(depth + 1);
        while (true) {
            skipSpace();
            if (peek('+') || peek('-')) {
                char op = text.charAt(pos++);
                left = node(new Bin(op, left, product(depth + 1)));
            } else {
                return left;
            }
        }
    }

    // product := unary (('*'|'/') unary)*
    private Node product(int depth) {
        Node left = unary(depth + 1);
        while (true) {
            skipSpace();
            if (peek('*') || peek('/')) {
                char op = text.charAt(pos++);
                if (op == '*' && peek('*')) {
                    throw refuse("'**' is not a power here; write x^2");
                }
                left = node(new Bin(op, left, unary(depth + 1)));
            } else if (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || peek('('))) {
                throw refuse("a product needs '*': write '" + InvalidInputException.excerpt(
                        text.substring(Math.max(0, pos - 1), Math.min(text.length(), pos + 2))).replace(" ", "") + "' as "
                        + "a*b");
            } else {
                return left;
            }
        }
    }

    // unary := ('-'|'+') unary | power
    private Node unary(int depth) {
        depth(depth);
        skipSpace();
        if (peek('-')) {
            pos++;
            return node(new Neg(unary(depth + 1)));
        }
        if (peek('+')) {
            pos++;
            return unary(depth + 1);
        }
        return power(depth + 1);
    }

    // power := primary ('^' unary)?   (right-associative: a^b^c = a^(b^c))
    private Node power(int depth) {
        Node base = primary(depth + 1);
        skipSpace();
        if (peek('^')) {
            pos++;
            return node(new Bin('^', base, unary(depth + 1)));
        }
        return base;
    }

    private Node primary(int depth) {
        depth(depth);
        skipSpace();
        if (pos >= text.length()) {
            throw refuse("it ends where a number, a variable or '(' belongs");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Node inner = sum(depth + 1);
            expect(')');
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            skipSpace();
            if (peek('(') || peek('[')) {
                return call(name, depth);
            }
            return symbol(name);
        }
        throw refuse("unexpected '" + InvalidInputException.excerpt(text.substring(pos)) + "'" + hint(c));
    }

    private static String hint(char c) {
        return c == '{' ? " (lists are not formulas)" : c == '"' ? " (strings are not formulas)"
                : c == '=' || c == ':' ? " (assignments are not formulas)" : c == ';' ? " (one formula only)" : "";
    }

    private Node call(String name, int depth) {
        String canonical = CANONICAL_FUNCTION.get(name);
        if (canonical == null) {
            throw refuse("unknown function " + InvalidInputException.excerpt(name) + "; a formula may use "
                    + String.join(", ", FUNCTIONS.keySet()));
        }
        char open = text.charAt(pos++);
        char close = open == '(' ? ')' : ']';
        List<Node> args = new ArrayList<>();
        skipSpace();
        if (!peek(close)) {
            while (true) {
                args.add(sum(depth + 1));
                skipSpace();
                if (peek(',')) {
                    pos++;
                    continue;
                }
                break;
            }
        }
        expect(close);
        if (!FUNCTIONS.get(canonical).contains(args.size())) {
            throw refuse(canonical + " takes " + FUNCTIONS.get(canonical).stream().sorted().map(String::valueOf)
                    .reduce((a, b) -> a + " or " + b).orElse("") + " argument" + (FUNCTIONS.get(canonical)
                    .contains(1) && FUNCTIONS.get(canonical).size() == 1 ? "" : "s") + ", not " + args.size());
        }
        return node(new Call(canonical, args));
    }

    private Node symbol(String name) {
        if (variables == null) {
            if (name.matches("ilvar\\d{3}")) {
                throw refuse("the name '" + name + "' is reserved for InvariantLab's variable renaming; rename it");
            }
            return node(CONSTANTS.containsKey(name) && CONSTANTS.get(name).equals(name) ? new Const(name)
                    : new Var(0, name));
        }
        int i = variables.indexOf(name);
        if (i >= 0) {
            return node(new Var(i, name));
        }
        String constant = CONSTANTS.get(name);
        if (constant != null && constant.equals(name)) {
            return node(new Const(constant));
        }
        throw refuse("unknown symbol " + InvalidInputException.excerpt(name) + "; the formula may use the variables "
                + InvalidInputException.excerpt(String.join(", ", variables)) + " and the constants Pi, E and Degree");
    }

    private Node number() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (peek('.')) {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if ((peek('e') || peek('E')) && pos + 1 < text.length() && (Character.isDigit(text.charAt(pos + 1))
                || (text.charAt(pos + 1) == '-' || text.charAt(pos + 1) == '+') && pos + 2 < text.length()
                && Character.isDigit(text.charAt(pos + 2)))) {
            pos += 2;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        String literal = text.substring(start, pos);
        if (literal.length() > MAX_NUMBER_LENGTH) {
            throw refuse("the number " + InvalidInputException.excerpt(literal) + " has more than " + MAX_NUMBER_LENGTH
                    + " characters");
        }
        if (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            throw refuse("'" + InvalidInputException.excerpt(literal + text.charAt(pos)) + "' is not a number; write a "
                    + "product with '*' (2*x)");
        }
        try {
            BigDecimal v = new BigDecimal(literal);
            if (Math.abs(v.scale()) > 400 || v.precision() - v.scale() > 400) {
                throw refuse("the number " + literal + " is out of the range of real numbers InvariantLab computes with");
            }
            return node(new Num(v));
        } catch (NumberFormatException e) {
            throw refuse("'" + InvalidInputException.excerpt(literal) + "' is not a number");
        }
    }

    private Node node(Node n) {
        if (++nodes > MAX_NODES) {
            throw new InvalidInputException(what + " has more than " + MAX_NODES + " parts; at most " + MAX_NODES
                    + " are accepted");
        }
        return n;
    }

    private void depth(int depth) {
        if (depth > MAX_DEPTH * 4) { // four grammar levels per nesting of parentheses or operators
            throw new InvalidInputException(what + " is nested more than " + MAX_DEPTH + " levels deep; at most "
                    + MAX_DEPTH + " are accepted");
        }
    }

    private void expect(char c) {
        skipSpace();
        if (!peek(c)) {
            throw refuse(pos >= text.length() ? "a '" + c + "' is missing at the end"
                    : "'" + c + "' expected before '" + InvalidInputException.excerpt(text.substring(pos)) + "'");
        }
        pos++;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    /** "WHY in WHAT", with what follows a first "; " of {@code why} (advice) after the place. */
    private InvalidInputException refuse(String why) {
        int advice = why.indexOf("; ");
        return new InvalidInputException(advice < 0 ? String.format(Locale.ROOT, "%s in %s", why, what)
                : String.format(Locale.ROOT, "%s in %s%s", why.substring(0, advice), what, why.substring(advice)));
    }
}
