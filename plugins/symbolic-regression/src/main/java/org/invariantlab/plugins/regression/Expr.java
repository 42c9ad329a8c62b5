package org.invariantlab.plugins.regression;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An expression tree compiled for fast evaluation on {@code double[]} states, with its constants exposed for
 * refinement and a rendering in Symja syntax. Built from a Jenetics program ({@link Programs#compile}).
 */
abstract class Expr {

    /** The value at state {@code x}; NaN where the expression has no real value. */
    abstract double eval(double[] x);

    /** Nodes of the tree: its complexity. */
    abstract int size();

    /** Symja syntax over {@code variables}, fully parenthesised where needed. */
    abstract String symja(List<String> variables);

    /** The constant leaves, in a fixed order. */
    List<Constant> constants() {
        List<Constant> out = new ArrayList<>();
        collect(out);
        return out;
    }

    abstract void collect(List<Constant> out);

    /** A variable of the state. */
    static final class Variable extends Expr {
        final int index;

        Variable(int index) {
            this.index = index;
        }

        @Override
        double eval(double[] x) {
            return x[index];
        }

        @Override
        int size() {
            return 1;
        }

        @Override
        String symja(List<String> variables) {
            return variables.get(index);
        }

        @Override
        void collect(List<Constant> out) {
        }
    }

    /** A numeric constant (refined after the search, then written as a simple rational when that fits as well). */
    static final class Constant extends Expr {
        double value;

        Constant(double value) {
            this.value = value;
        }

        @Override
        double eval(double[] x) {
            return value;
        }

        @Override
        int size() {
            return 1;
        }

        @Override
        String symja(List<String> variables) {
            return "(" + rational(value) + ")";
        }

        @Override
        void collect(List<Constant> out) {
            out.add(this);
        }

        /** The simplest fraction within 10⁻⁹ relative (continued fractions), else a decimal. */
        static String rational(double v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            double x = Math.abs(v);
            long h0 = 1;
            long h1 = 0;
            long k0 = 0;
            long k1 = 1;
            double b = x;
            for (int i = 0; i < 40; i++) {
                long a = (long) Math.floor(b);
                long h2 = a * h0 + h1;
                long k2 = a * k0 + k1;
                h1 = h0;
                h0 = h2;
                k1 = k0;
                k0 = k2;
                if (k0 > 1_000_000) {
                    break;
                }
                if (Math.abs((double) h0 / k0 - x) <= 1e-9 * Math.max(1, x)) {
                    return (v < 0 ? "-" : "") + h0 + "/" + k0;
                }
                double frac = b - a;
                if (frac == 0) {
                    break;
                }
                b = 1 / frac;
            }
            return new BigDecimal(v, new MathContext(12)).stripTrailingZeros().toPlainString();
        }
    }

    /** An operation of one or two arguments. */
    static final class Call extends Expr {
        final String op;
        final Expr[] args;

        Call(String op, Expr... args) {
            this.op = op;
            this.args = args;
        }

        @Override
        double eval(double[] x) {
            double a = args[0].eval(x);
            switch (op) {
                case "add":
                    return a + args[1].eval(x);
                case "sub":
                    return a - args[1].eval(x);
                case "mul":
                    return a * args[1].eval(x);
                case "div":
                    return a / args[1].eval(x);
                case "neg":
                    return -a;
                case "sqr":
                    return a * a;
                case "sqrt":
                    return a >= 0 ? Math.sqrt(a) : Double.NaN;
                case "log":
                    return a > 0 ? Math.log(a) : Double.NaN;
                case "exp":
                    return Math.exp(a);
                case "sin":
                    return Math.sin(a);
                case "cos":
                    return Math.cos(a);
                case "abs":
                    return Math.abs(a);
                default:
                    throw new IllegalStateException("unknown operation " + op);
            }
        }

        @Override
        int size() {
            int s = 1;
            for (Expr e : args) {
                s += e.size();
            }
            return s;
        }

        @Override
        String symja(List<String> variables) {
            String a = args[0].symja(variables);
            return switch (op) {
                case "add" -> "(" + a + "+" + args[1].symja(variables) + ")";
                case "sub" -> "(" + a + "-" + args[1].symja(variables) + ")";
                case "mul" -> args[0] instanceof Constant c && Math.abs(c.value) == 1
                        ? (c.value > 0 ? args[1].symja(variables) : "(-" + args[1].symja(variables) + ")")
                        : "(" + a + "*" + args[1].symja(variables) + ")";
                case "div" -> "(" + a + "/" + args[1].symja(variables) + ")";
                case "neg" -> "(-" + a + ")";
                case "sqr" -> "(" + a + ")^2";
                default -> op.substring(0, 1).toUpperCase(Locale.ROOT) + op.substring(1) + "(" + a + ")";
            };
        }

        @Override
        void collect(List<Constant> out) {
            for (Expr e : args) {
                e.collect(out);
            }
        }
    }
}
