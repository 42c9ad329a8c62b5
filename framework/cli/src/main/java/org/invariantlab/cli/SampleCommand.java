package org.invariantlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.invariantlab.core.provenance.ExtensionRef;
import org.invariantlab.core.provenance.Provenance;
import org.invariantlab.core.registry.ExtensionRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code invariantlab sample}: draw groups from a system and write them, with true invariants, as CSV. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Sample groups of states that share their invariants and write them as CSV:",
            "group, member, the state variables, the true invariants. Provenance goes to FILE.provenance.json."})
final class SampleCommand extends LabCommand {

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "SYSTEM", description = "System id, see 'invariantlab systems'.")
    String systemId;

    @Option(names = "--groups", paramLabel = "N", defaultValue = "100", description = "Number of groups (default: ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--per-group", paramLabel = "M", defaultValue = "2", description = "States per group (default: ${DEFAULT-VALUE}).")
    int perGroup;

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
        if (groups < 1 || perGroup < 1) {
            throw new InvalidInputException(groups < 1 ? "--groups must be at least 1, got " + groups
                    : "--per-group must be at least 1, got " + perGroup);
        }
        SamplingRequest request;
        try {
            request = new SamplingRequest(groups, perGroup, seed);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        ExtensionRecord<PhysicalSystem> rec = lab.registry().record(PhysicalSystem.class, systemId);
        PhysicalSystem system = rec.extension();
        Parameters resolved = Parameters.resolve(system.id(), system.parameters(), params);
        SystemModel model = system.configure(resolved);
        try {
            SampleExport.checkTarget(out, force); // before sampling, which may take long
        } catch (InvariantLabException e) {
            return refuse(e);
        }
        long t0 = System.nanoTime();
        GroupedData data = model.sample(request);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Provenance provenance = Provenance.now(commandLineText(), seed,
                List.of(new ExtensionRef("PhysicalSystem", rec.id(), rec.origin(), rec.originVersion(), resolved.asText())));
        SampleExport.write(model, data, out, provenance, force);
        pw.printf("Wrote %d groups × %d states of '%s' (%s; %s) to %s in %.2f s%n", groups, perGroup, system.id(),
                String.join(", ", model.stateSpace().variables()),
                String.join(", ", model.invariants().stream().map(i -> i.name()).toList()), out, seconds);
        return ExitCodes.OK;
    }
}
