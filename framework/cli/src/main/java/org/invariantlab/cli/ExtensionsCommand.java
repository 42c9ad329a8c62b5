package org.invariantlab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.invariantlab.api.LabExtension;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.registry.ExtensionPoints;
import org.invariantlab.core.registry.ExtensionRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code invariantlab extensions [POINT]}: every extension of every extension point (or of one), with its
 * origin, description and declared parameters (type, default, range, description), built-ins included.
 */
@Command(name = "extensions", mixinStandardHelpOptions = true,
        description = "List the extensions of each extension point (or of one) with origin, description and "
                + "parameters: type, default, range.")
final class ExtensionsCommand extends LabCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "POINT", converter = PointConverter.class,
            description = "Only this extension point: PhysicalSystem, ExampleSampler, NetworkHead, GradientLoss or"
                    + " SymbolicInterpreter (case and '-' ignored, e.g. network-head).")
    Class<? extends LabExtension> point;

    @Override
    int run(InvariantLab lab, PrintWriter out) {
        List<Class<? extends LabExtension>> points = point == null ? ExtensionPoints.all() : List.of(point);
        for (Class<? extends LabExtension> spi : points) {
            List<? extends ExtensionRecord<? extends LabExtension>> records = lab.registry().all(spi);
            out.printf("%s (%s): %d%n", spi.getSimpleName(), ExtensionPoints.displayName(spi), records.size());
            if (records.isEmpty()) {
                out.printf("  none installed%n");
            }
            for (ExtensionRecord<? extends LabExtension> r : records) {
                out.printf("  %s  (%s %s)%n    %s%n", r.id(), r.origin(), r.originVersion(), r.description());
                ParameterTable.print(out, "    ", r.extension().parameters(), true);
            }
            out.println();
        }
        if (!lab.problems().isEmpty()) {
            out.printf("%d plugin problem(s); run 'invariantlab plugins' for details.%n", lab.problems().size());
        }
        return ExitCodes.OK;
    }

    /**
     * Reads an extension point name: the interface's simple name, any case, with or without '-' or spaces. A name
     * from before 0.2.0 is named with its new one.
     */
    static final class PointConverter implements CommandLine.ITypeConverter<Class<? extends LabExtension>> {
        private static final Map<String, String> RENAMED_IN_0_2 = Map.of("pairsampler", "ExampleSampler",
                "independenceloss", "GradientLoss");

        @Override
        public Class<? extends LabExtension> convert(String value) {
            String key = normalize(value);
            String renamed = RENAMED_IN_0_2.containsKey(key) ? " (renamed " + RENAMED_IN_0_2.get(key) + " in 0.2.0)" : "";
            return ExtensionPoints.all().stream().filter(spi -> normalize(spi.getSimpleName()).equals(key)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("unknown extension point '" + value
                            + "'" + renamed + "; choose one of " + ExtensionPoints.simpleNames()));
        }

        private static String normalize(String name) {
            return name.replaceAll("[-_\\s]", "").toLowerCase(Locale.ROOT);
        }
    }
}
