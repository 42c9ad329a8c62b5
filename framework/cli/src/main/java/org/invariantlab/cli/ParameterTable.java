package org.invariantlab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.invariantlab.api.param.ParameterSpec;

/**
 * The one way listings print declared parameters: one line each with name, type, default, allowed range
 * or choices, and description, under a {@code parameters:} heading. Used by {@code systems} and
 * {@code extensions}.
 */
final class ParameterTable {

    private ParameterTable() {
    }

    /**
     * Prints {@code parameters:} at {@code indent} and one line per parameter indented two more spaces;
     * prints {@code parameters:  none} when there are none and {@code showNone} is set, nothing otherwise.
     */
    static void print(PrintWriter out, String indent, List<ParameterSpec> parameters, boolean showNone) {
        if (parameters.isEmpty()) {
            if (showNone) {
                out.printf("%sparameters:  none%n", indent);
            }
            return;
        }
        out.printf("%sparameters:%n", indent);
        int w = parameters.stream().mapToInt(p -> p.name().length()).max().orElse(1);
        for (ParameterSpec p : parameters) {
            out.printf("%s  %-" + w + "s  %-7s default %-8s %-18s %s%n", indent, p.name(),
                    p.type().name().toLowerCase(Locale.ROOT), p.defaultValue(), p.domain(), p.description());
        }
    }
}
