package org.invariantlab.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.invariantlab.api.InvariantLabException;
import picocli.CommandLine;

/** Entry point of the {@code invariantlab} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 usage); used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        Logging.configure(verbose);
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter e = cmd.getErr();
            if (verbose) {
                ex.printStackTrace(e);
            }
            e.println("error: " + describe(ex));
            if (!verbose && !(ex instanceof InvariantLabException)) {
                e.println("(run again with --verbose for details)");
            }
            e.flush();
            return 1;
        });
        return cl.execute(args);
    }

    /** The command tree, for tests and documentation. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new InvariantLabCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static String describe(Throwable ex) {
        if (ex instanceof InvariantLabException || ex instanceof IllegalArgumentException) {
            return ex.getMessage();
        }
        String msg = ex.getMessage();
        return ex.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
}
