package org.invariantlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.io.IoErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        CommandLine cl = commandLine(named(args));
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
            e.println("error: " + printable(describe(ex)));
            if (!verbose && !(ex instanceof InvariantLabException || ex instanceof UncheckedIOException
                    || ex instanceof IOException)) {
                e.println("(run again with --verbose for details)");
            }
            e.flush();
            return exitCode(ex);
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            if (verbose) {
                ex.printStackTrace(e);
            }
            e.println("error: " + plain(ex) + " (see 'invariantlab " + commandName(ex.getCommandLine()) + "--help')");
            e.flush();
            return ExitCodes.USAGE;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError oom) {
            return outOfMemory(oom, verbose, err);
        } catch (NoClassDefFoundError | NoSuchMethodError | NoSuchFieldError missing) { // a class path put together
            // by someone else, e.g. spark-submit's; other linkage errors (native libraries) keep their own reports
            if (verbose) {
                missing.printStackTrace(err);
            }
            err.println("error: " + printable(linkage(missing)));
            err.flush();
            return ExitCodes.FAILURE;
        }
    }

    /**
     * A class missing or of another version on the class path, in one line. Guava without its failureaccess is named
     * (a Spark {@code jars/} folder can hold one; Guice needs both): it is checked with the class loader that loaded
     * Guava, because a copy further down the class path (spark-submit's {@code --jars}) does not help it.
     */
    static String linkage(LinkageError e) {
        String what = String.valueOf(e.getMessage());
        if (what.contains("InternalFutureFailureAccess")) {
            String guava = "the class path";
            try {
                var source = Class.forName("com.google.common.base.Preconditions", false,
                        Main.class.getClassLoader()).getProtectionDomain().getCodeSource();
                if (source != null) {
                    guava = source.getLocation().getPath();
                }
            } catch (ClassNotFoundException | LinkageError | SecurityException ignored) {
                // keep "the class path"
            }
            return "the Guava loaded from " + guava + " has no failureaccess beside it, and InvariantLab cannot start "
                    + "without it: put failureaccess-1.0.3.jar (Maven Central, com.google.guava:failureaccess) into "
                    + "the same folder (under spark-submit: Spark's jars/; docs/spark.md, \"Libraries\")";
        }
        String kind = e instanceof NoClassDefFoundError ? "the class " : e instanceof NoSuchMethodError ? "the method "
                : "the field ";
        return "a library on the class path is missing or of another version (" + kind + what.replace('/', '.')
                + " is not there): run InvariantLab with its launcher, bin/invariantlab, or put the installation's lib/ "
                + "on the class path as it is";
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

    /** The command tree, every subcommand in full, for tests and documentation. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command tree with the subcommand {@code named} in full and the others by name and description only, so that
     * a command builds the option model (by reflection, a few hundred milliseconds for all of them) of itself alone;
     * {@code null}, or {@code help} with a command after it, builds them all.
     */
    static CommandLine commandLine(String named) {
        CommandLine cl = new CommandLine(new InvariantLabCommand());
        for (Class<?> c : InvariantLabCommand.SUBCOMMANDS) {
            Command a = c.getAnnotation(Command.class);
            if (named == null || a.name().equals(named) || java.util.List.of(a.aliases()).contains(named)) {
                cl.addSubcommand(CommandLine.Model.CommandSpec.forAnnotatedObject(instantiate(c)));
            } else {
                CommandLine.Model.CommandSpec listed = CommandLine.Model.CommandSpec.create().name(a.name())
                        .aliases(a.aliases());
                listed.usageMessage().description(a.description()).header(a.header());
                cl.addSubcommand(a.name(), listed);
            }
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // a formula may start with a minus sign ('-t^2+x^2'): not an option
        cl.getSubcommands().get("check").setUnmatchedOptionsArePositionalParams(true);
        return cl;
    }

    /**
     * The subcommand a command line names: its first argument that is neither an option nor the value of the root's
     * {@code --plugins-dir}; {@code null} when there is none, for {@code help COMMAND} (which needs that command's
     * options), and when an argument file ({@code @FILE}) comes first.
     */
    static String named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("@")) {
                return null; // an argument file: its words are known only once picocli has read it
            }
            if (a.equals("--plugins-dir")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a.equals("help") && i + 1 < args.length ? null : a;
            }
        }
        return null;
    }

    private static Object instantiate(Class<?> c) {
        try {
            java.lang.reflect.Constructor<?> k = c.getDeclaredConstructor();
            k.setAccessible(true);
            return k.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the command " + c.getName(), e);
        }
    }

    private static final java.util.regex.Pattern NOT_A = java.util.regex.Pattern.compile(
            "Invalid value for (?:option|positional parameter) '?([^':]*)'?(?: \\(\\S*\\))?: '(.*)' is not an? (\\w+)",
            java.util.regex.Pattern.DOTALL);

    /** A command-line mistake in words, without picocli's vocabulary. */
    static String plain(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            List<String> suggestions = u.getSuggestions();
            if (first.startsWith("-")) {
                return "unknown option '" + InvalidInputException.excerpt(first) + "'" + (suggestions.isEmpty() ? ""
                        : "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
                        + "?");
            }
            return "unexpected argument" + (unmatched.size() == 1 ? " '" : "s '") + InvalidInputException.excerpt(
                    String.join(" ", unmatched)) + "'" + (suggestions.isEmpty() ? "" : "; did you mean "
                    + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?");
        }
        if (ex instanceof CommandLine.MissingParameterException m) {
            List<String> names = m.getMissing().stream().map(a -> a instanceof CommandLine.Model.OptionSpec o
                    ? o.longestName() + " " + o.paramLabel() : a.paramLabel()).toList();
            return "missing " + String.join(" and ", names);
        }
        String msg = String.valueOf(ex.getMessage());
        java.util.regex.Matcher m = NOT_A.matcher(msg);
        if (m.find()) {
            String kind = switch (m.group(3)) {
                case "int", "long", "Integer", "Long" -> "a whole number";
                case "double", "float", "Double", "Float" -> "a number";
                case "boolean", "Boolean" -> "true or false";
                default -> "a " + m.group(3);
            };
            return m.group(1).strip() + " takes " + kind + ", got '" + InvalidInputException.excerpt(m.group(2)) + "'";
        }
        String first = msg.lines().findFirst().orElse(msg)
                .replaceFirst("^Invalid value for (option '[^']*'|positional parameter at index \\d+ \\([^)]*\\)): ", "");
        return (first.length() > 300 ? first.substring(0, 297) + "..." : first).replaceAll("[.]+$", "");
    }

    private static String commandName(CommandLine cl) {
        StringBuilder b = new StringBuilder();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            b.insert(0, c.getCommandName() + " ");
        }
        return b.toString();
    }

    /** Usage errors ({@link InvalidInputException}) exit with 2, everything else that escaped a command with 1. */
    static int exitCode(Throwable ex) {
        if (ex instanceof org.invariantlab.core.train.TrainingDivergedException) {
            return ExitCodes.FAILED_TO_LEARN;
        }
        return ex instanceof InvalidInputException ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }

    /**
     * {@code text} safe for a terminal: control characters (a path may hold an escape sequence) become {@code ?};
     * line breaks of multi-line messages stay.
     */
    static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(c != '\n' && Character.isISOControl(c) ? '?' : c));
        return b.toString();
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
