package org.invariantlab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.InvariantLab;
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
        err.println("error: " + e.getMessage());
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The command's work; returns the exit code ({@link ExitCodes}). */
    abstract int run(InvariantLab lab, PrintWriter out);
}
