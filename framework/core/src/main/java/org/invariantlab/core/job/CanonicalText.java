package org.invariantlab.core.job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.system.CanonicalLayout;

/** The {@code --canonical Q,..:P,..} option of the jobs that take a data file: positions and their momenta by name. */
public final class CanonicalText {

    private CanonicalText() {
    }

    /** The (q, p) layout from {@code Q,..:P,..} over {@code variables}, or empty for {@code null}. */
    public static Optional<CanonicalLayout> layout(String text, List<String> variables) {
        if (text == null) {
            return Optional.empty();
        }
        String[] sides = text.split(":", -1);
        if (sides.length != 2) {
            throw new InvalidInputException("--canonical '" + text + "': give positions and momenta separated by a colon,"
                    + " e.g. x,y:px,py");
        }
        List<Integer> q = indices(sides[0], variables, text);
        List<Integer> p = indices(sides[1], variables, text);
        if (q.size() != p.size() || q.isEmpty()) {
            throw new InvalidInputException("--canonical '" + text + "': " + q.size() + " positions and " + p.size()
                    + " momenta; give one momentum per position");
        }
        if (new HashSet<>(q).size() + new HashSet<>(p).size() != 2 * q.size() || q.stream().anyMatch(p::contains)) {
            throw new InvalidInputException("--canonical '" + text + "': each variable may appear once");
        }
        return Optional.of(new CanonicalLayout(q, p));
    }

    private static List<Integer> indices(String names, List<String> variables, String text) {
        List<Integer> out = new ArrayList<>();
        for (String n : names.split(",")) {
            String name = n.strip();
            int i = variables.indexOf(name);
            if (i < 0) {
                throw new InvalidInputException("--canonical '" + text + "': '" + name + "' is not a variable of the "
                        + "data (" + String.join(", ", variables) + ")");
            }
            out.add(i);
        }
        return out;
    }
}
