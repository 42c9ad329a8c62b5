package org.invariantlab.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.plugin.PluginsDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root {@code invariantlab} command. */
@Command(name = "invariantlab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Discover symmetry invariants and conserved quantities from data with neural networks.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":the command did what was asked",
            ExitCodes.FAILURE + ":a failure while running (I/O error, a sampling or reading that failed)",
            ExitCodes.USAGE + ":a usage error (bad option value, unknown id, invalid parameter, bad spec file)",
            ExitCodes.FAILED_TO_LEARN + ":the run finished but the network failed to learn, learned a shortcut (also after read), or training diverged",
            ExitCodes.DIFFERS + ":rerun: the cell ran again and some metric differs from the stored one"})
final class InvariantLabCommand implements Runnable {

    /**
     * The subcommands, in the order help lists them. {@link Main} builds the full model (every option, by
     * reflection) only of the one a command line names; the others are listed by name and description.
     */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(PluginsCommand.class, SystemsCommand.class,
            ExtensionsCommand.class, SampleCommand.class, RunCommand.class, ReproduceCommand.class, ReadCommand.class,
            CountCommand.class, CheckCommand.class, CompareCommand.class, ReportCommand.class, RerunCommand.class,
            BenchmarkCommand.class, CommandLine.HelpCommand.class);

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Starts InvariantLab with the plugin directory chosen by option, environment or installation, in that
     * order; {@code sub} is the subcommand's own options, which take precedence over the root's.
     */
    InvariantLab start(CommonOptions sub) {
        Path option = sub.pluginsDir != null ? sub.pluginsDir : common.pluginsDir;
        Path home = Optional.ofNullable(System.getProperty("invariantlab.home")).map(Path::of).orElse(null);
        PluginsDirectory.Choice plugins = PluginsDirectory.choose(option, System.getenv(), home);
        plugins.check();
        return InvariantLab.start(plugins.path());
    }
}
