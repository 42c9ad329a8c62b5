package org.invariantlab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.plugin.PluginInfo;
import org.invariantlab.core.plugin.PluginProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code invariantlab plugins}: what is installed, what each plugin contributes, what failed and why. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List plugins with their state, jar and extensions; name every jar that failed, and why.")
final class PluginsCommand implements Runnable {

    @ParentCommand
    InvariantLabCommand root;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (InvariantLab lab = root.start(common)) {
            List<PluginInfo> plugins = lab.plugins();
            List<PluginProblem> problems = lab.problems();
            out.printf("Plugins in %s: %d loaded, %d problem%s%n", lab.pluginsDirectory(), plugins.size(),
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
            out.flush();
        }
    }
}
