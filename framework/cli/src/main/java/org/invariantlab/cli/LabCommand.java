package org.invariantlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.io.OutputPaths;
import org.invariantlab.core.job.ResultDirectory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subcommand that works on a started {@link InvariantLab}: it gets the common options, starts InvariantLab
 * with the chosen plugin directory, runs, and stops the plugins again.
 */
abstract class LabCommand implements Callable<Integer> {

    @ParentCommand
    InvariantLabCommand root;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (InvariantLab lab = root.start(common)) {
            return run(lab, out);
        } finally {
            out.flush();
        }
    }

    /** The command line as typed, for provenance records. */
    String commandLineText() {
        return "invariantlab " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /**
     * Reports input that was refused before any work (a result folder that may not be replaced, a run too large
     * for the memory, an unknown id) in one line, and returns {@link ExitCodes#USAGE}.
     */
    int refuse(InvariantLabException e) {
        PrintWriter err = spec.commandLine().getErr();
        if (common.verbose) {
            e.printStackTrace(err);
        }
        err.println("error: " + Main.printable(e.getMessage()));
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * Checks an output folder before any work ({@link ResultDirectory#checkWritable}) and that it overlaps none of
     * the command's {@code inputs} (files or folders it reads; {@code null}s are skipped).
     *
     * @return the real location the result will be written to
     */
    static Path checkOutput(Path out, ResultDirectory.Kind kind, boolean force, Path... inputs) {
        Path target = ResultDirectory.checkWritable(out, kind, force);
        OutputPaths.refuseOverlap(target, Arrays.asList(inputs), "an input of the command");
        return target;
    }

    /**
     * A job of the engine ({@code Runner}, {@code CountJob}, {@code CellWorker}, {@code ResultReader}) with its
     * dependencies injected by the lab's injector: the command line is the composition root, the one place (with the
     * Spark task on a worker) where the object graph is resolved; everything below it takes what it needs by
     * constructor.
     */
    static <T> T job(InvariantLab lab, Class<T> type) {
        return lab.services().getInstance(type);
    }

    /** The command's work; returns the exit code ({@link ExitCodes}). */
    abstract int run(InvariantLab lab, PrintWriter out);
}
