package org.invariantlab.plugins.regression;

import io.jenetics.prog.ProgramGene;
import io.jenetics.prog.op.MathOp;
import io.jenetics.prog.op.Op;
import io.jenetics.prog.op.Val;
import io.jenetics.prog.op.Var;
import io.jenetics.util.ISeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The operations and terminals of the search, and the compilation of a Jenetics program into an {@link Expr}. */
final class Programs {

    /** Jenetics' operations and the names {@link Expr.Call} evaluates them by. */
    static final Map<Op<Double>, String> OPERATIONS = Map.ofEntries(
            Map.entry(MathOp.ADD, "add"), Map.entry(MathOp.SUB, "sub"), Map.entry(MathOp.MUL, "mul"),
            Map.entry(MathOp.DIV, "div"), Map.entry(MathOp.NEG, "neg"), Map.entry(MathOp.SQR, "sqr"),
            Map.entry(MathOp.SQRT, "sqrt"), Map.entry(MathOp.LOG, "log"), Map.entry(MathOp.EXP, "exp"),
            Map.entry(MathOp.SIN, "sin"), Map.entry(MathOp.COS, "cos"), Map.entry(MathOp.ABS, "abs"));

    private Programs() {
    }

    /** The operations, in a fixed order (the search is seeded, so the order must not depend on a hash). */
    static ISeq<Op<Double>> operations() {
        return ISeq.of(MathOp.ADD, MathOp.SUB, MathOp.MUL, MathOp.DIV, MathOp.NEG, MathOp.SQR, MathOp.SQRT, MathOp.LOG,
                MathOp.EXP, MathOp.SIN, MathOp.COS, MathOp.ABS);
    }

    /** The variables, then the constants 1, 2 and 1/2 (refined after the search). */
    static ISeq<Op<Double>> terminals(List<String> variables) {
        List<Op<Double>> out = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            out.add(Var.of("v" + i, i));
        }
        out.add(io.jenetics.prog.op.Const.of(1.0));
        out.add(io.jenetics.prog.op.Const.of(2.0));
        out.add(io.jenetics.prog.op.Const.of(0.5));
        return ISeq.of(out);
    }

    /** The program rooted at {@code gene} as an {@link Expr}. */
    static Expr compile(ProgramGene<Double> gene) {
        Op<Double> op = gene.allele();
        if (op instanceof Var<Double> v) {
            return new Expr.Variable(v.index());
        }
        if (op instanceof Val<Double> c) {
            return new Expr.Constant(c.value());
        }
        String name = OPERATIONS.get(op);
        if (name == null) {
            throw new IllegalStateException("unknown operation " + op.name());
        }
        Expr[] args = new Expr[gene.childCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = compile(gene.childAt(i));
        }
        return new Expr.Call(name, args);
    }
}
