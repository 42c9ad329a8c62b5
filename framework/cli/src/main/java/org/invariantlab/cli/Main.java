package org.invariantlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.io.IoErrors;
import picocli.CommandLine;

/** Entry point of the {@code invariantlab} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code ({@link ExitCodes}); used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        Logging.configure(verbose);
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter e = cmd.getErr();
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof OutOfMemoryError oom) { // e.g. wrapped by a worker thread
                    return outOfMemory(oom, verbose, e);
                }
            }
            if (verbose) {
                ex.printStackTrace(e);
            }
            e.println("error: " + describe(ex));
            if (!verbose && !(ex instanceof InvariantLabException || ex instanceof UncheckedIOException
                    || ex instanceof IOException)) {
                e.println("(run again with --verbose for details)");
            }
            e.flush();
            return exitCode(ex);
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError oom) {
            return outOfMemory(oom, verbose, err);
        }
    }

    /** Any {@link OutOfMemoryError} of a command, explained in one line; exit 1. */
    private static int outOfMemory(OutOfMemoryError oom, boolean verbose, PrintWriter err) {
        if (verbose) {
            oom.printStackTrace(err);
        }
        long maxMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        err.println("error: out of memory (Java may use " + maxMb + " MB): use smaller sizes (fewer groups or pairs, a"
                + " smaller network or batch), or give Java more memory, e.g. JAVA_OPTS=-Xmx8g invariantlab ...");
        err.flush();
        return ExitCodes.FAILURE;
    }

    /** The command tree, for tests and documentation. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new InvariantLabCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Usage errors ({@link InvalidInputException}) exit with 2, everything else that escaped a command with 1. */
    static int exitCode(Throwable ex) {
        return ex instanceof InvalidInputException ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }

    /** The one line printed after {@code error: }; I/O errors say why in words ({@link IoErrors}). */
    static String describe(Throwable ex) {
        if (ex instanceof InvariantLabException || ex instanceof IllegalArgumentException) {
            return ex.getMessage();
        }
        if (ex instanceof UncheckedIOException u) {
            String own = u.getMessage();
            return own == null || own.equals(String.valueOf(u.getCause())) ? IoErrors.describe(u) : own;
        }
        if (ex instanceof IOException io) {
            return IoErrors.describe(io);
        }
        String msg = ex.getMessage();
        return ex.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
}
