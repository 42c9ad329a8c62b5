package org.invariantlab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.registry.ExtensionRecord;
import picocli.CommandLine.Command;

/** {@code invariantlab systems}: every physical system with its variables, true invariants and parameters. */
@Command(name = "systems", mixinStandardHelpOptions = true,
        description = "List physical systems: variables, true invariants as formulas, parameters with defaults.")
final class SystemsCommand extends LabCommand {

    /** Longest invariant expression printed whole without --full (a line of a terminal, about). */
    static final int SHORT = 100;

    @picocli.CommandLine.Option(names = "--full", description = "Print every true invariant's expression whole (some "
            + "expand to thousands of characters, e.g. tr(L^k) of a Lax matrix); by default a long one is cut and its "
            + "description stands for it.")
    boolean full;

    @Override
    int run(InvariantLab lab, PrintWriter out) {
        List<ExtensionRecord<PhysicalSystem>> systems = lab.registry().all(PhysicalSystem.class);
        if (systems.isEmpty()) {
            out.printf("No physical systems found in %s. Install plugin jars there, or point --plugins-dir at a plugin folder.%n",
                    lab.pluginsDirectory());
        }
        for (ExtensionRecord<PhysicalSystem> r : systems) {
            print(out, r);
        }
        if (!lab.problems().isEmpty()) {
            out.printf("%n%d plugin problem(s); run 'invariantlab plugins' for details.%n", lab.problems().size());
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, ExtensionRecord<PhysicalSystem> r) {
        PhysicalSystem s = r.extension();
        StateSpace space = s.stateSpace();
        out.printf("%n%s  (%s %s)%n  %s%n", s.id(), r.origin(), r.originVersion(), s.description());
        out.printf("  variables:   %s%s%n", String.join(", ", space.variables()),
                space.canonical().map(c -> "   (canonical q = " + names(space, c.positions()) + "; p = "
                        + names(space, c.momenta()) + ")").orElse(""));
        try {
            SystemModel model = s.configure(Parameters.resolve(s.id(), s.parameters(), Map.of()));
            out.printf("  invariants:%n");
            int w = model.invariants().stream().mapToInt(i -> i.name().length()).max().orElse(1);
            for (TrueInvariant inv : model.invariants()) {
                out.printf("    %-" + w + "s = %s   (%s)%n", inv.name(), shown(inv.expression(), full),
                        inv.description());
            }
            if (!model.extraFeatures().isEmpty()) {
                out.printf("  features:    %s%n", model.extraFeatures().stream()
                        .map(f -> f.name() + " = " + f.expression()).collect(Collectors.joining(", ")));
            }
            if (model.vectorField().isPresent()) {
                out.printf("  dynamics:    vector field h(x) provided%n");
            }
        } catch (RuntimeException e) {
            out.printf("  invariants:  unavailable, the defaults do not configure: %s%n", e.getMessage());
        }
        ParameterTable.print(out, "  ", s.parameters(), false);
    }

    /** The expression whole, or for a long one its start and its length (--full prints it whole). */
    static String shown(String expression, boolean full) {
        if (full || expression.length() <= SHORT) {
            return expression;
        }
        return expression.substring(0, SHORT - 40).strip() + " … (" + expression.length()
                + " characters; --full prints it)";
    }

    private static String names(StateSpace space, List<Integer> idx) {
        return idx.stream().map(space.variables()::get).collect(Collectors.joining(", "));
    }
}
