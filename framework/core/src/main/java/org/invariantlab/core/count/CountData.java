package org.invariantlab.core.count;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.VectorField;
import org.invariantlab.core.data.FileDataModel;
import org.invariantlab.core.data.GroupSplit;
import org.invariantlab.core.data.TrajectoryTangents;
import org.invariantlab.core.job.DataFile;
import org.invariantlab.core.data.Rectangular;
import org.invariantlab.core.train.GradientTrainer.FieldSamples;

/**
 * The states a count trains and judges on, each with the direction of motion there: from a system's vector field
 * {@code h(x)} along its simulated trajectories, or from a file of measured trajectories whose tangents are
 * estimated by finite differences in time ({@link TrajectoryTangents}). Training, validation and test never share
 * a trajectory.
 *
 * @param name       the system id or the file's name, for the record
 * @param parameters the system's parameters (empty for a file)
 * @param model      the truth: the system, or the file with the invariants one suspects (possibly none)
 * @param source     where the states came from
 * @param train      training states and directions (zero directions for snapshots without time stamps)
 * @param trainTrajectory the trajectory each training state belongs to
 * @param validation validation states and directions (the stage's final loss)
 * @param test       the test trajectories: the trajectory check, the spans and the formulas
 * @param testField  the test states and directions (the svd method's order of outputs)
 * @param fresh      trajectories no network saw, for checking formulas
 * @param orbits     trajectories for the orbit dimension ({@link OrbitDimension}): for a system, long ones drawn for
 *                   it; for a file, its training trajectories whole
 */
public record CountData(String name, Map<String, String> parameters, SystemModel model, CountResult.Source source,
                        FieldSamples train, int[] trainTrajectory, FieldSamples validation, RaggedGroups test,
                        FieldSamples testField, GroupedData fresh, Orbits orbits) {

    /**
     * The trajectories the orbit dimension measures, or why there are none.
     *
     * @param groups  the trajectories, {@code null} when there are none
     * @param missing why there are none (empty when there are)
     */
    public record Orbits(RaggedGroups groups, String missing) {

        /** Trajectories to measure. */
        public static Orbits of(RaggedGroups groups) {
            return new Orbits(Objects.requireNonNull(groups, "groups"), "");
        }

        /** None, for the reason given. */
        public static Orbits none(String why) {
            return new Orbits(null, why);
        }

        /** Whether there are trajectories. */
        public boolean present() {
            return groups != null;
        }
    }

    public CountData {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(orbits, "orbits");
        Objects.requireNonNull(source, "source");
        parameters = Map.copyOf(parameters);
        if (trainTrajectory.length != train.size()) {
            throw new IllegalArgumentException("one trajectory index per training state");
        }
    }

    /** Whether the states come without directions of motion (a file without time stamps). */
    public boolean snapshots() {
        return source.kind().equals(SNAPSHOTS);
    }

    /** {@link CountResult.Source#kind()} of a file without time stamps. */
    public static final String SNAPSHOTS = "snapshots";

    /** The same data judged against {@code m} (the same truth with extra features for the reader). */
    public CountData withModel(SystemModel m) {
        return new CountData(name, parameters, m, source, train, trainTrajectory, validation, test, testField, fresh,
                orbits);
    }

    /**
     * The seed of the networks of a count with master seed {@code seed}: the fifth draw of the generator whose first
     * four seed the data of {@link #simulate}.
     */
    public static long networkSeed(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 4; i++) {
            r.nextLong();
        }
        return r.nextLong();
    }

    /**
     * The fewest test trajectories the trajectory check accepts: it takes the median over trajectories of the spread
     * along each, and a median of one or two values is decided by a single trajectory (with one trajectory every
     * function's spread along it equals its spread overall, so nothing could ever pass).
     */
    public static final int MIN_TEST_TRAJECTORIES = 3;

    /** The dimension {@code d} of a state. */
    public int dimension() {
        return train.dimension();
    }

    /** The test trajectories cut to one length, for the scorer and the formula reader. */
    public GroupedData testBlock() {
        return Rectangular.of(test, name);
    }

    /**
     * States along simulated trajectories: four draws (training, validation, test, fresh) with seeds derived from
     * {@code seed}, {@code trajectories} for training and a quarter of that (at least {@link #MIN_TEST_TRAJECTORIES}) for each of
     * the others.
     *
     * @throws InvalidInputException if the system declares no vector field
     */
    public static CountData simulate(String systemId, Map<String, String> parameters, SystemModel model,
                                     int trajectories, int perTrajectory, long seed) {
        return simulate(systemId, parameters, model, model, 1, List.of(), trajectories, perTrajectory, seed);
    }

    /**
     * As {@link #simulate(String, Map, SystemModel, int, int, long)}, with the test trajectories (the trajectory
     * check, spans and formulas) drawn from {@code checkModel}: the same system over a longer time span, so that a
     * function conserved only along pieces of trajectories as long as the training ones shows its change.
     *
     * @param horizon    the ratio of {@code checkModel}'s time span to {@code model}'s, for the record
     * @param orbitModels the same system over time spans long enough for its orbits to fill their sets, longest
     *                    first, or none: {@link OrbitDimension#TRAJECTORIES} trajectories of
     *                    {@link OrbitDimension#statesPerTrajectory(int)} states are drawn (a sixth seed) from the first
     *                    that can be integrated that far
     */
    public static CountData simulate(String systemId, Map<String, String> parameters, SystemModel model,
                                     SystemModel checkModel, double horizon, List<SystemModel> orbitModels,
                                     int trajectories, int perTrajectory, long seed) {
        VectorField field = model.vectorField().orElseThrow(() -> new InvalidInputException("system '" + systemId
                + "' has no vector field h(x); count works on dynamical systems (e.g. oscillator-2d, kepler), or on "
                + "measured trajectories with time stamps (--data FILE)"));
        SplittableRandom seeds = new SplittableRandom(seed);
        long trainSeed = seeds.nextLong();
        long validationSeed = seeds.nextLong();
        long testSeed = seeds.nextLong();
        long freshSeed = seeds.nextLong();
        seeds.nextLong(); // the networks' seed (networkSeed)
        long orbitSeed = seeds.nextLong();
        int few = Math.max(MIN_TEST_TRAJECTORIES, trajectories / 4);
        Optional<CanonicalLayout> layout = model.stateSpace().canonical();
        GroupedData test = checkModel.sample(new SamplingRequest(few, perTrajectory, testSeed));
        return new CountData(systemId, parameters, model, new CountResult.Source("system", systemId, trajectories,
                (long) trajectories * perTrajectory, Double.NaN, 0, horizon),
                field(model.sample(new SamplingRequest(trajectories, perTrajectory, trainSeed)), field, layout),
                consecutive(trajectories, perTrajectory),
                field(model.sample(new SamplingRequest(few, perTrajectory, validationSeed)), field, layout),
                RaggedGroups.of(test), field(test, field, layout),
                model.sample(new SamplingRequest(few, perTrajectory, freshSeed)),
                orbits(orbitModels, model.stateSpace().dimension(), orbitSeed));
    }

    /**
     * The long trajectories of the first of {@code orbitModels} that can be integrated that far (a stiff stretch or
     * the integrator's budget stops a longer span), or none, with the reason: the orbit dimension is then left out and
     * the count goes on.
     */
    private static Orbits orbits(List<SystemModel> orbitModels, int d, long seed) {
        if (orbitModels.isEmpty()) {
            return Orbits.none("the system has no time span tMax over which to draw long trajectories");
        }
        String why = "";
        for (SystemModel m : orbitModels) {
            try {
                return Orbits.of(RaggedGroups.of(m.sample(new SamplingRequest(OrbitDimension.TRAJECTORIES,
                        OrbitDimension.statesPerTrajectory(d), seed))));
            } catch (org.invariantlab.api.InvariantLabException e) {
                why = e.getMessage();
            }
        }
        return Orbits.none("the long trajectories could not be drawn: " + why);
    }

    /**
     * Measured trajectories from a file: each group one trajectory with time stamps; the groups split as
     * {@code file.split()} says (seeded), directions by {@link TrajectoryTangents} on whole trajectories. Split by
     * time as well: training and validation trajectories keep the states in the first {@code 1/horizon} of their
     * time span, test trajectories are judged over all of it, so the trajectory check sees later states than any
     * training window; the formulas' held-out verdicts ({@code fresh}) see the validation trajectories whole.
     *
     * @param layout  the (q, p) layout of the variables for Poisson brackets, if the data are canonical
     * @param horizon at least 1 ({@link CountSpec#FILE_CHECK_HORIZON} by default)
     * @throws InvalidInputException for a file without time stamps, a trajectory of fewer than three states or a
     *                               repeated time, too few trajectories to split, or a training window of fewer than
     *                               two states
     */
    public static CountData fromFile(FileDataModel model, DataFile file, Optional<CanonicalLayout> layout, long seed,
                                     double horizon) {
        RaggedGroups all = model.groups();
        TrajectoryTangents.Result tangents = TrajectoryTangents.of(all, model.name());
        GroupSplit.Indices split = split(all, file, seed, model.name());
        int[] trainWindow = window(all, split.train(), horizon, model.name());
        int[] validationWindow = window(all, split.validation(), horizon, model.name());
        int[] whole = new int[all.groupCount()];
        for (int g = 0; g < whole.length; g++) {
            whole[g] = all.groupSize(g);
        }
        return new CountData(model.name(), Map.of(), model, new CountResult.Source("file", model.name(),
                all.groupCount(), all.size(), tangents.medianTurnDegrees(), tangents.directionNoise(), horizon),
                field(all, tangents, split.train(), trainWindow, layout), membership(split.train(), trainWindow),
                field(all, tangents, split.validation(), validationWindow, layout),
                all.select(split.test()), field(all, tangents, split.test(), whole, layout),
                Rectangular.of(all.select(split.validation()), model.name()), Orbits.of(all.select(split.train())));
    }

    /**
     * Unordered snapshots of each trajectory from a file without time stamps: split by trajectory as
     * {@code file.split()} says, with no directions of motion (zeros stand in; only methods that do not need them
     * run, and the orbit dimension).
     *
     * @throws InvalidInputException for too few trajectories to split
     */
    public static CountData fromSnapshots(FileDataModel model, DataFile file, Optional<CanonicalLayout> layout,
                                          long seed) {
        RaggedGroups all = model.groups();
        GroupSplit.Indices split = split(all, file, seed, model.name());
        int[] whole = new int[all.groupCount()];
        for (int g = 0; g < whole.length; g++) {
            whole[g] = all.groupSize(g);
        }
        return new CountData(model.name(), Map.of(), model, new CountResult.Source(SNAPSHOTS, model.name(),
                all.groupCount(), all.size(), Double.NaN, Double.NaN, 1),
                field(all, null, split.train(), whole, layout), membership(split.train(), whole),
                field(all, null, split.validation(), whole, layout), all.select(split.test()),
                field(all, null, split.test(), whole, layout),
                Rectangular.of(all.select(split.validation()), model.name()), Orbits.of(all.select(split.train())));
    }

    /**
     * The file's trajectories split as {@code file.split()} says (seeded), no trajectory in two parts.
     *
     * @throws InvalidInputException when the test part holds fewer than {@link #MIN_TEST_TRAJECTORIES} trajectories:
     *                               the trajectory check takes a median over them
     */
    private static GroupSplit.Indices split(RaggedGroups all, DataFile file, long seed, String name) {
        List<Double> f = file.split();
        GroupSplit.Indices split = GroupSplit.indices(all.groupCount(), f.get(0), f.get(1), f.get(2), seed, name);
        if (split.test().length < MIN_TEST_TRAJECTORIES) {
            int need = (int) Math.ceil((MIN_TEST_TRAJECTORIES - 0.5) / f.get(2));
            throw new InvalidInputException(String.format(java.util.Locale.ROOT, "%s: the test part holds %d "
                    + "trajector%s (%d of them, test fraction %s); the trajectory check that decides what is conserved "
                    + "compares spreads along at least %d unseen trajectories: give at least %d trajectories, or a larger "
                    + "test fraction with --split", name, split.test().length, split.test().length == 1 ? "y"
                    : "ies", all.groupCount(), f.get(2), MIN_TEST_TRAJECTORIES, need, MIN_TEST_TRAJECTORIES));
        }
        return split;
    }

    /** Trajectory indices 0, 0, …, 1, 1, … for {@code keep[g]} states of each picked group in turn. */
    private static int[] membership(int[] picked, int[] keep) {
        int n = 0;
        for (int g : picked) {
            n += keep[g];
        }
        int[] out = new int[n];
        int at = 0;
        for (int t = 0; t < picked.length; t++) {
            for (int j = 0; j < keep[picked[t]]; j++) {
                out[at++] = t;
            }
        }
        return out;
    }

    /** Trajectory indices for {@code trajectories} runs of {@code per} consecutive states. */
    private static int[] consecutive(int trajectories, int per) {
        int[] out = new int[trajectories * per];
        for (int i = 0; i < out.length; i++) {
            out[i] = i / per;
        }
        return out;
    }

    /**
     * Per group, how many leading states lie in the first {@code 1/horizon} of its time span ({@code states[g]} for
     * each group, 0 for groups not in {@code picked}).
     *
     * @throws InvalidInputException when a picked group keeps fewer than two states
     */
    static int[] window(RaggedGroups all, int[] picked, double horizon, String source) {
        int[] keep = new int[all.groupCount()];
        for (int g : picked) {
            double[] t = all.times(g);
            double cut = t[0] + (t[t.length - 1] - t[0]) / horizon;
            int m = 0;
            while (m < t.length && t[m] <= cut * (1 + 1e-12) + 1e-300) {
                m++;
            }
            if (m < 2) {
                throw new InvalidInputException(String.format(java.util.Locale.ROOT, "%s: trajectory '%s' keeps %d "
                        + "state%s in the first 1/%s of its time span, where the networks train (the trajectory check "
                        + "looks at the rest); give its trajectories more states, or --check-horizon 1 to train on "
                        + "whole trajectories", source, all.id(g), m, m == 1 ? "" : "s", trim(horizon)));
            }
            keep[g] = m;
        }
        return keep;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static FieldSamples field(RaggedGroups all, TrajectoryTangents.Result tangents, int[] picked, int[] keep,
                                      Optional<CanonicalLayout> layout) {
        int d = all.dimension();
        long n = 0;
        for (int g : picked) {
            n += keep[g];
        }
        double[] x = new double[Math.toIntExact(n * d)];
        double[] h = new double[x.length];
        int at = 0;
        for (int g : picked) {
            int length = keep[g] * d;
            System.arraycopy(all.values(g), 0, x, at, length);
            if (tangents != null) { // snapshots have no directions: zeros stand in
                System.arraycopy(tangents.tangents().get(g), 0, h, at, length);
            }
            at += length;
        }
        return new FieldSamples(d, x, h, layout);
    }

    private static FieldSamples field(GroupedData data, VectorField field, Optional<CanonicalLayout> layout) {
        double[] x = data.values();
        int d = data.dimension();
        double[] h = new double[x.length];
        for (int r = 0; r < x.length / d; r++) {
            double[] v = field.at(java.util.Arrays.copyOfRange(x, r * d, (r + 1) * d));
            System.arraycopy(v, 0, h, r * d, d);
        }
        return new FieldSamples(d, x, h, layout);
    }
}
