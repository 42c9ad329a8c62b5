package org.invariantlab.api.system;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code groups × perGroup} states; the states of one group share their invariants. Stored row-major as
 * (group, member, variable). Immutable: the array is copied in and out.
 *
 * @param variables variable names, defining the dimension {@code d}
 * @param groups    number of groups
 * @param perGroup  states per group
 * @param values    {@code groups·perGroup·d} finite numbers
 */
public record GroupedData(List<String> variables, int groups, int perGroup, double[] values) {

    public GroupedData {
        variables = List.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(values, "values");
        if (groups < 1 || perGroup < 1 || variables.isEmpty()) {
            throw new IllegalArgumentException("need at least one group, one state per group and one variable");
        }
        int d = variables.size();
        if ((long) groups * perGroup * d != values.length) {
            throw new IllegalArgumentException("expected " + ((long) groups * perGroup * d) + " values for "
                    + groups + " groups × " + perGroup + " states × " + d + " variables, got " + values.length);
        }
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                int row = i / d;
                throw new IllegalArgumentException("non-finite value " + values[i] + " in group " + (row / perGroup)
                        + ", state " + (row % perGroup) + ", variable " + variables.get(i % d));
            }
        }
    }

    /** Dimension {@code d} of a state. */
    public int dimension() {
        return variables.size();
    }

    /** Total number of states. */
    public int size() {
        return groups * perGroup;
    }

    /** A copy of state {@code member} of group {@code group}. */
    public double[] state(int group, int member) {
        if (group < 0 || group >= groups || member < 0 || member >= perGroup) {
            throw new IndexOutOfBoundsException("state (" + group + ", " + member + ") outside " + groups + " × " + perGroup);
        }
        int d = dimension();
        int off = (group * perGroup + member) * d;
        return Arrays.copyOfRange(values, off, off + d);
    }

    /** A copy of all values, row-major (group, member, variable). */
    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupedData g && g.groups == groups && g.perGroup == perGroup
                && g.variables.equals(variables) && Arrays.equals(g.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(variables, groups, perGroup, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "GroupedData[" + groups + " groups × " + perGroup + " states of " + variables + "]";
    }
}
