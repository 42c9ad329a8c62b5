package org.invariantlab.core.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invariantlab.core.count.CountSettings;
import org.invariantlab.core.count.CountSpec;
import org.invariantlab.core.job.DataFile;
import org.invariantlab.core.run.RunSpec;
import org.invariantlab.core.run.Slot;
import org.invariantlab.core.run.SlotKind;

/**
 * A comparison grid as read from its file ({@link GridFile}): data × methods × seeds × sweeps. Every setting is
 * already typed and validated as far as it can be without the plugins; {@link GridPlan} turns it into cells.
 *
 * @param name        the grid's name (the report's title)
 * @param description one line for the report, may be empty
 * @param source      the file it was read from, for messages
 * @param data        the data sets
 * @param methods     the methods
 * @param seeds       master seeds; every cell is run once per seed
 * @param noise       measurement-noise levels to sweep (run methods), empty for none
 * @param sizes       data sizes to sweep (training groups of a run, trajectories of a count), empty for none
 */
public record Grid(String name, String description, String source, List<Data> data, List<Method> methods,
                  List<Long> seeds, List<Double> noise, List<Integer> sizes) {

    public Grid {
        data = List.copyOf(data);
        methods = List.copyOf(methods);
        seeds = List.copyOf(seeds);
        noise = List.copyOf(noise);
        sizes = List.copyOf(sizes);
    }

    /**
     * One data set: a system with parameters, or a file.
     *
     * @param label     the name of the data set in cell ids and reports
     * @param system    the system id, or null for a file
     * @param params    the system's parameters
     * @param file      the file, or null for a system
     * @param canonical a file's conjugate pairs ({@code Q,..:P,..}) for counts in involution, or null
     * @param methods   the methods to run on it (empty: all)
     * @param line      where it starts in the grid file
     * @param features  extra library terms for the formulas of its cells, name to formula
     * @param paper     what a paper reported for it ({@code reproduce}), or null
     */
    public record Data(String label, String system, Map<String, String> params, DataFile file, String canonical,
                       List<String> methods, int line, Map<String, String> features, Paper paper) {
        public Data {
            params = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params == null ? Map.of() : params));
            methods = List.copyOf(methods);
            features = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(features == null ? Map.of()
                    : features));
        }

        /** A data set without extra features or paper figures. */
        public Data(String label, String system, Map<String, String> params, DataFile file, String canonical,
                    List<String> methods, int line) {
            this(label, system, params, file, canonical, methods, line, Map.of(), null);
        }
    }

    /** What a method does with a cell: train and read one network ({@code run}), or count ({@code count}). */
    public enum Kind {
        RUN, COUNT;

        /** The lower-case name used in files. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What a paper reported for a data set, for {@code invariantlab reproduce}: its table beside ours. Every field is
     * optional (NaN or empty when the paper gives none).
     *
     * @param about          the data set in words
     * @param trainAccuracy  the paper's training accuracy
     * @param testAccuracy   the paper's test accuracy
     * @param formula        the formula the paper read
     * @param expected       what the network should learn, in words or names of true invariants
     * @param scoredOn       the true invariant whose |Pearson r| the reproduction reports; empty for none
     */
    public record Paper(String about, Double trainAccuracy, Double testAccuracy, String formula, String expected,
                        String scoredOn) {
        public Paper {
            about = about == null ? "" : about;
            trainAccuracy = trainAccuracy == null ? Double.NaN : trainAccuracy;
            testAccuracy = testAccuracy == null ? Double.NaN : testAccuracy;
            formula = formula == null ? "" : formula;
            expected = expected == null ? "" : expected;
            scoredOn = scoredOn == null ? "" : scoredOn;
        }
    }

    /**
     * One method: a display name and the run slots and training settings, or the count settings; each also in its
     * {@code --quick} variant (the grid's {@code quick:} overrides applied).
     */
    public record Method(String name, Kind kind, RunTemplate run, RunTemplate quickRun, CountTemplate count,
                         CountTemplate quickCount, int line) {
    }

    /** A run without its data and seed: the extension slots and the data sizes and training settings. */
    public record RunTemplate(Slot sampler, Slot head, Slot interpreter, RunSpec.Data data, RunSpec.Training training) {

        /** The run of this method on a system or file, at {@code seed}, with {@code noise} and {@code size} (≤ 0: as set). */
        public RunSpec spec(Data d, long seed, double noise, int size) {
            RunSpec.Data sized = size > 0 ? new RunSpec.Data(size, data.validationGroups(), data.testGroups(),
                    data.perGroup(), data.noise(), data.testFrom()) : data;
            RunSpec.Data noisy = noise >= 0 ? sized.withNoise(noise) : sized;
            RunSpec base = d.file() != null
                    ? new RunSpec(null, null, null, null, null, null, null, null, noisy, training, seed, d.file())
                    : new RunSpec(d.system(), d.params(), null, null, null, null, null, null, noisy, training, seed);
            return base.with(SlotKind.SAMPLER, sampler).with(SlotKind.HEAD, head).with(SlotKind.INTERPRETER, interpreter)
                    .withFeatures(d.features());
        }
    }

    /** A count without its data and seed. */
    public record CountTemplate(CountSettings settings, double checkHorizon) {

        /** The count of this method on a system or file at {@code seed}, with {@code size} trajectories (≤ 0: as set). */
        public CountSpec spec(Data d, long seed, int size) {
            CountSettings seeded = settings.withSeed(seed, size);
            return new CountSpec(d.file() == null ? d.system() : null, d.params(), d.file(), d.canonical(), seeded,
                    checkHorizon, d.features());
        }
    }

    /** The methods that run on {@code d}. */
    public List<Method> methodsFor(Data d) {
        List<Method> out = new ArrayList<>();
        for (Method m : methods) {
            if (d.methods().isEmpty() || d.methods().contains(m.name())) {
                out.add(m);
            }
        }
        return out;
    }
}
