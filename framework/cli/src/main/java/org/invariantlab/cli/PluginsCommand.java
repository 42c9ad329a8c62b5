package org.invariantlab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.plugin.PluginInfo;
import org.invariantlab.core.plugin.PluginProblem;
import picocli.CommandLine.Command;

/** {@code invariantlab plugins}: what is installed, what each plugin contributes, what failed and why. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List plugins with their state, jar and extensions; name every jar that failed, and why.")
final class PluginsCommand extends LabCommand {

    @Override
    int run(InvariantLab lab, PrintWriter out) {
        List<PluginInfo> plugins = lab.plugins();
        List<PluginProblem> problems = lab.problems();
        long started = plugins.stream().filter(PluginInfo::isStarted).count();
        out.printf("Plugins in %s: %d loaded, %d problem%s%n", lab.pluginsDirectory(), started,
                problems.size(), problems.size() == 1 ? "" : "s");
        for (PluginInfo p : plugins) {
            out.printf("%n  %s %s  [%s]  %s%n", p.id(), p.version(), p.state(), p.jar());
            if (p.description() != null && !p.description().isBlank()) {
                out.printf("      %s%n", p.description());
            }
            for (Map.Entry<String, List<String>> e : p.extensions().entrySet()) {
                if (!e.getValue().isEmpty()) {
                    out.printf("      %-20s %s%n", e.getKey() + ":", String.join(", ", e.getValue()));
                }
            }
            if (p.failure() != null) {
                out.printf("      failed: %s%n", p.failure());
            }
        }
        if (!problems.isEmpty()) {
            out.printf("%nProblems (the plugins above still work):%n");
            problems.forEach(pr -> out.printf("  %s%n", pr.line()));
        }
        return ExitCodes.OK;
    }
}
