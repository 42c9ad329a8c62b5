package org.invariantlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.data.SampleExport;
import org.invariantlab.core.data.TrajectorySample;
import org.invariantlab.core.provenance.ExtensionRef;
import org.invariantlab.core.provenance.Provenance;
import org.invariantlab.core.registry.ExtensionRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code invariantlab sample}: draw groups from a system and write them, with true invariants, as CSV. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Sample groups of states that share their invariants and write them as CSV (group, member, the "
            + "state variables, the true invariants), or with --trajectories time-stamped trajectories of a dynamical "
            + "system (trajectory, t, …), as count --data reads them. Provenance goes to FILE.provenance.json."})
final class SampleCommand extends LabCommand {

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "SYSTEM", description = "System id, see 'invariantlab systems'.")
    String systemId;

    @Option(names = "--groups", paramLabel = "N", defaultValue = "100", description = "Number of groups (default: ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--per-group", paramLabel = "M", description = "States per group (default: 2), or per trajectory "
            + "with --trajectories (default: " + TRAJECTORY_STATES + ").")
    Integer perGroup;

    @Option(names = "--trajectories", description = "Write --groups trajectories of a system with a vector field, "
            + "--per-group states each at evenly spaced times over --time-span, with a time column t (docs/data.md).")
    boolean trajectories;

    @Option(names = "--time-span", paramLabel = "T", description = "With --trajectories: the time each trajectory "
            + "spans (default: the system's tMax parameter).")
    Double timeSpan;

    /** States per trajectory by default: enough for finite differences and a few periods of the usual systems. */
    static final int TRAJECTORY_STATES = 50;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.csv", required = true, description = "Output CSV file.")
    Path out;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "System parameter, repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--force", description = "Replace FILE.csv if it is an earlier sample (any other file is kept).")
    boolean force;

    @Override
    int run(InvariantLab lab, PrintWriter pw) {
        int m = perGroup != null ? perGroup : trajectories ? TRAJECTORY_STATES : 2;
        if (groups < 1 || m < 1) {
            throw new InvalidInputException(groups < 1 ? "--groups must be at least 1, got " + groups
                    : "--per-group must be at least 1, got " + m);
        }
        if (timeSpan != null && !trajectories) {
            throw new InvalidInputException("--time-span is for --trajectories; add --trajectories or leave it out");
        }
        SamplingRequest request;
        try {
            request = new SamplingRequest(groups, m, seed);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        ExtensionRecord<PhysicalSystem> rec = lab.registry().record(PhysicalSystem.class, systemId);
        PhysicalSystem system = rec.extension();
        Parameters resolved = Parameters.resolve(system.id(), system.parameters(), params);
        SystemModel model = system.configure(resolved);
        // without a vector field TrajectorySample.draw says so; the span is asked for only where it matters
        double span = trajectories && model.vectorField().isPresent() ? span(system, resolved) : Double.NaN;
        try {
            SampleExport.checkTarget(out, force); // before sampling, which may take long
        } catch (InvariantLabException e) {
            return refuse(e);
        }
        long t0 = System.nanoTime();
        Provenance provenance = Provenance.now(commandLineText(), seed,
                List.of(new ExtensionRef("PhysicalSystem", rec.id(), rec.origin(), rec.originVersion(), resolved.asText())));
        String invariants = String.join(", ", model.invariants().stream().map(i -> i.name()).toList());
        if (trajectories) {
            TrajectorySample data = TrajectorySample.draw(system.id(), model, groups, m, span, seed);
            SampleExport.writeTrajectories(model, data, out, provenance, force);
            double drift = java.util.Arrays.stream(data.drift()).max().orElse(0);
            pw.printf(Locale.ROOT, "Wrote %d trajectories × %d states of '%s' over t in [0, %s] (%s; %s) to %s in %.2f s%n",
                    groups, m, system.id(), span, String.join(", ", model.stateSpace().variables()), invariants, out,
                    (System.nanoTime() - t0) / 1e9);
            if (data.drift().length > 0) {
                pw.printf(Locale.ROOT, "The true invariants change along a trajectory by at most %.1e (relative)%s%n",
                        drift, drift <= TrajectorySample.DRIFT_TOLERANCE ? ": the integration conserves them."
                                : String.format(Locale.ROOT, ", more than %.0e: the integration or the declared "
                                + "invariants are not accurate over this span; try a shorter --time-span",
                                TrajectorySample.DRIFT_TOLERANCE));
            }
            pw.printf("Count them: invariantlab count --data %s --group-column trajectory --time-column t --out DIR%n",
                    out);
            return ExitCodes.OK;
        }
        GroupedData data = model.sample(request);
        double seconds = (System.nanoTime() - t0) / 1e9;
        SampleExport.write(model, data, out, provenance, force);
        pw.printf("Wrote %d groups × %d states of '%s' (%s; %s) to %s in %.2f s%n", groups, m, system.id(),
                String.join(", ", model.stateSpace().variables()), invariants, out, seconds);
        return ExitCodes.OK;
    }

    /** {@code --time-span}, else the system's {@code tMax}; a plain refusal when neither is there. */
    private double span(PhysicalSystem system, Parameters resolved) {
        if (timeSpan != null) {
            return timeSpan;
        }
        String t = resolved.asText().get(PhysicalSystem.TIME_SPAN);
        if (t == null) {
            throw new InvalidInputException("system '" + system.id() + "' declares no time span (" + PhysicalSystem.TIME_SPAN
                    + "); give --time-span T");
        }
        return Double.parseDouble(t);
    }
}
