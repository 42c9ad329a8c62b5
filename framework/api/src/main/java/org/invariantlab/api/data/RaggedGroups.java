package org.invariantlab.api.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.invariantlab.api.system.GroupedData;

/**
 * Groups of states that share their invariants, each group of its own size (ragged): the trajectories of a
 * simulation or of an experiment, or the groups a system samples. Optionally each state has a time stamp.
 * Immutable: every array is copied in and out.
 *
 * <p>Group {@code g} holds {@code groupSize(g)} states of dimension {@code d = variables().size()}, stored
 * row-major as one array of {@code groupSize(g)·d} finite numbers. Group ids are text (a trajectory id
 * from a file, or {@code 0, 1, …}) and are used in messages and to keep groups apart when splitting.
 *
 * @param variables the state variables, distinct and non-empty, defining {@code d}
 * @param values    one array per group, of {@code n·d} finite numbers for {@code n ≥ 1} states, row-major
 *                  (state, variable)
 * @param times     empty when the states carry no time stamps, else one array per group with one finite time
 *                  per state
 * @param ids       one distinct id per group, or empty for {@code 0, 1, …}
 */
public record RaggedGroups(List<String> variables, List<double[]> values, List<double[]> times, List<String> ids) {

    public RaggedGroups {
        variables = List.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(values, "values");
        times = times == null ? List.of() : times;
        ids = ids == null || ids.isEmpty() ? defaultIds(values.size()) : List.copyOf(ids);
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("groups need at least one variable");
        }
        if (new HashSet<>(variables).size() != variables.size()) {
            throw new IllegalArgumentException("duplicate variable name in " + variables);
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("need at least one group");
        }
        if (ids.size() != values.size()) {
            throw new IllegalArgumentException(ids.size() + " group ids for " + values.size() + " groups");
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("group id '" + id + "' appears twice");
            }
        }
        if (!times.isEmpty() && times.size() != values.size()) {
            throw new IllegalArgumentException(times.size() + " time arrays for " + values.size() + " groups");
        }
        int d = variables.size();
        List<double[]> copied = new ArrayList<>(values.size());
        List<double[]> copiedTimes = new ArrayList<>(times.size());
        for (int g = 0; g < values.size(); g++) {
            double[] v = Objects.requireNonNull(values.get(g), "values of a group").clone();
            if (v.length == 0 || v.length % d != 0) {
                throw new IllegalArgumentException("group " + ids.get(g) + " has " + v.length + " values, not a positive"
                        + " multiple of the " + d + " variables");
            }
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new IllegalArgumentException("non-finite value " + v[i] + " in group " + ids.get(g) + ", state "
                            + (i / d) + ", variable " + variables.get(i % d));
                }
            }
            copied.add(v);
            if (!times.isEmpty()) {
                double[] t = Objects.requireNonNull(times.get(g), "times of a group").clone();
                if (t.length != v.length / d) {
                    throw new IllegalArgumentException("group " + ids.get(g) + " has " + t.length + " times for "
                            + (v.length / d) + " states");
                }
                for (int i = 0; i < t.length; i++) {
                    if (!Double.isFinite(t[i])) {
                        throw new IllegalArgumentException("non-finite time " + t[i] + " in group " + ids.get(g)
                                + ", state " + i);
                    }
                }
                copiedTimes.add(t);
            }
        }
        values = List.copyOf(copied);
        times = List.copyOf(copiedTimes);
    }

    /** Groups without time stamps, with ids {@code 0, 1, …}. */
    public static RaggedGroups of(List<String> variables, List<double[]> values) {
        return new RaggedGroups(variables, values, List.of(), List.of());
    }

    /** The rectangular groups a system samples, as ragged groups with ids {@code 0, 1, …} and no times. */
    public static RaggedGroups of(GroupedData data) {
        Objects.requireNonNull(data, "data");
        double[] all = data.values();
        int n = data.perGroup() * data.dimension();
        List<double[]> values = new ArrayList<>(data.groups());
        for (int g = 0; g < data.groups(); g++) {
            values.add(Arrays.copyOfRange(all, g * n, (g + 1) * n));
        }
        return of(data.variables(), values);
    }

    /** Dimension {@code d} of a state. */
    public int dimension() {
        return variables.size();
    }

    /** Number of groups. */
    public int groupCount() {
        return values.size();
    }

    /** Number of states in group {@code g}. */
    public int groupSize(int g) {
        return values.get(g).length / dimension();
    }

    /** Total number of states over all groups. */
    public long size() {
        long n = 0;
        for (double[] v : values) {
            n += v.length;
        }
        return n / dimension();
    }

    /** The smallest group size. */
    public int minGroupSize() {
        int min = Integer.MAX_VALUE;
        for (int g = 0; g < groupCount(); g++) {
            min = Math.min(min, groupSize(g));
        }
        return min;
    }

    /** Whether every group has the same number of states. */
    public boolean isRectangular() {
        int n = groupSize(0);
        for (int g = 1; g < groupCount(); g++) {
            if (groupSize(g) != n) {
                return false;
            }
        }
        return true;
    }

    /** Whether the states carry time stamps. */
    public boolean hasTimes() {
        return !times.isEmpty();
    }

    /** The id of group {@code g}. */
    public String id(int g) {
        return ids.get(g);
    }

    /** A copy of the values of group {@code g}, row-major (state, variable). */
    public double[] values(int g) {
        return values.get(g).clone();
    }

    /** A copy of state {@code member} of group {@code g}. */
    public double[] state(int g, int member) {
        int d = dimension();
        if (member < 0 || member >= groupSize(g)) {
            throw new IndexOutOfBoundsException("state " + member + " outside group " + ids.get(g) + " of "
                    + groupSize(g) + " states");
        }
        return Arrays.copyOfRange(values.get(g), member * d, (member + 1) * d);
    }

    /** A copy of the time stamps of group {@code g}. */
    public double[] times(int g) {
        if (!hasTimes()) {
            throw new IllegalStateException("these groups carry no time stamps");
        }
        return times.get(g).clone();
    }

    /** Copies of the values of every group. */
    @Override
    public List<double[]> values() {
        return values.stream().map(double[]::clone).toList();
    }

    /** Copies of the time stamps of every group (empty without times). */
    @Override
    public List<double[]> times() {
        return times.stream().map(double[]::clone).toList();
    }

    /** The groups at {@code indices}, in that order, with their ids and times. */
    public RaggedGroups select(int[] indices) {
        List<double[]> v = new ArrayList<>(indices.length);
        List<double[]> t = new ArrayList<>(hasTimes() ? indices.length : 0);
        List<String> i = new ArrayList<>(indices.length);
        for (int g : indices) {
            v.add(values.get(g));
            if (hasTimes()) {
                t.add(times.get(g));
            }
            i.add(ids.get(g));
        }
        return new RaggedGroups(variables, v, t, i);
    }

    /** The same groups with other values of the same shapes, e.g. with measurement noise. */
    public RaggedGroups withValues(List<double[]> newValues) {
        if (newValues.size() != groupCount()) {
            throw new IllegalArgumentException(newValues.size() + " value arrays for " + groupCount() + " groups");
        }
        for (int g = 0; g < groupCount(); g++) {
            if (newValues.get(g).length != values.get(g).length) {
                throw new IllegalArgumentException("group " + ids.get(g) + " changed its size");
            }
        }
        return new RaggedGroups(variables, newValues, times, ids);
    }

    /**
     * The groups as the rectangular {@link GroupedData} that the sampler and trainer consume; ids and times are
     * dropped.
     *
     * @throws IllegalStateException if the groups differ in size
     */
    public GroupedData toRectangular() {
        if (!isRectangular()) {
            throw new IllegalStateException("groups differ in size (" + minGroupSize() + " to " + maxGroupSize()
                    + " states); only groups of one size convert to GroupedData");
        }
        int n = values.get(0).length;
        double[] all = new double[Math.multiplyExact(n, groupCount())];
        for (int g = 0; g < groupCount(); g++) {
            System.arraycopy(values.get(g), 0, all, g * n, n);
        }
        return new GroupedData(variables, groupCount(), groupSize(0), all);
    }

    /** The largest group size. */
    public int maxGroupSize() {
        int max = 0;
        for (int g = 0; g < groupCount(); g++) {
            max = Math.max(max, groupSize(g));
        }
        return max;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RaggedGroups other && other.variables.equals(variables) && other.ids.equals(ids)
                && sameArrays(other.values, values) && sameArrays(other.times, times);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(variables, ids);
        for (double[] v : values) {
            h = 31 * h + Arrays.hashCode(v);
        }
        return h;
    }

    @Override
    public String toString() {
        int min = minGroupSize();
        int max = maxGroupSize();
        return "RaggedGroups[" + groupCount() + " groups of " + (min == max ? String.valueOf(min) : min + " to " + max)
                + " states of " + variables + (hasTimes() ? ", with times" : "") + "]";
    }

    private static boolean sameArrays(List<double[]> a, List<double[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> defaultIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int g = 0; g < n; g++) {
            ids.add(String.valueOf(g));
        }
        return ids;
    }
}
