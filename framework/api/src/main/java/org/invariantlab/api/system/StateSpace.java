package org.invariantlab.api.system;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The variables of a state vector, in order, and optionally their canonical {@code (q, p)} pairing.
 *
 * @param variables variable names; valid Symja symbols (letters and digits, starting with a letter), unique
 * @param canonical canonical layout for Poisson brackets, if the space is a phase space
 */
public record StateSpace(List<String> variables, Optional<CanonicalLayout> canonical) {

    public StateSpace {
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(canonical, "canonical");
        variables = List.copyOf(variables);
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("a state space needs at least one variable");
        }
        for (String v : variables) {
            if (!v.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("variable name '" + v + "' is not a plain symbol (letters and digits)");
            }
        }
        if (new HashSet<>(variables).size() != variables.size()) {
            throw new IllegalArgumentException("duplicate variable names in " + variables);
        }
        int d = variables.size();
        canonical.ifPresent(c -> c.checkFits(d));
    }

    /** A state space without canonical structure. */
    public static StateSpace of(String... variables) {
        return new StateSpace(List.of(variables), Optional.empty());
    }

    /** Number of variables {@code d}. */
    public int dimension() {
        return variables.size();
    }

    /** Index of {@code name}, or an exception naming the known variables. */
    public int indexOf(String name) {
        int i = variables.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no variable '" + name + "' in " + variables);
        }
        return i;
    }
}
