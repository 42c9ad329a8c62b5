package org.invariantlab.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.io.Digests;
import org.invariantlab.core.io.IoErrors;
import org.invariantlab.core.symbolic.ExpressionInvariant;

/**
 * A data file as the data of a run: its groups, read once ({@link CsvGroupsReader}, {@link NumpyGroupsReader} by
 * the file's extension), its variables as the state space, and the invariants the physicist suspects
 * ({@link ExpressionInvariant}) as the truth, which may be empty: then only the truth-free scores are reported.
 * A file cannot draw new groups: {@link #sample} refuses, and runs split the file's groups instead.
 */
public final class FileDataModel implements SystemModel {

    private final String name;
    private final Path path;
    private final String sha256;
    private final Map<String, String> truthExpressions;
    private final RaggedGroups groups;
    private final StateSpace space;
    private final List<TrueInvariant> truth;

    private FileDataModel(Path path, String sha256, RaggedGroups groups, List<TrueInvariant> truth,
                          Map<String, String> truthExpressions) {
        this.path = path.toAbsolutePath().normalize();
        this.name = path.getFileName().toString();
        this.sha256 = sha256;
        this.truthExpressions = Collections.unmodifiableMap(new LinkedHashMap<>(truthExpressions));
        this.groups = groups;
        this.space = StateSpace.of(groups.variables().toArray(String[]::new));
        this.truth = List.copyOf(truth);
    }

    /**
     * Reads {@code file}.
     *
     * @param variables   CSV: the variable columns (empty: all other numeric columns); NumPy: the names of the last
     *                    axis (empty: {@code x0, x1, …})
     * @param groupColumn CSV: the group column
     * @param timeColumn  CSV: the time column or {@code null}
     * @param ignore      CSV: columns that are not variables
     * @param statesArray NPZ: the states array or {@code null}
     * @param timesArray  NPZ: the times array or {@code null}
     * @param truth       suspected invariants, name to expression over the variables
     */
    public static FileDataModel read(Path file, List<String> variables, String groupColumn, String timeColumn,
                                     List<String> ignore, String statesArray, String timesArray,
                                     Map<String, String> truth) {
        if (!Files.exists(file)) {
            throw new InvalidInputException("data file " + file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("data file " + file + " is a folder; give a .csv, .npy or .npz file");
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        RaggedGroups groups;
        if (lower.endsWith(".csv")) {
            CsvGroupsReader.Options o = CsvGroupsReader.Options.defaults().withVariables(variables);
            o = new CsvGroupsReader.Options(groupColumn, timeColumn, o.variables(), ignore);
            groups = CsvGroupsReader.read(file, o);
        } else if (lower.endsWith(".npy") || lower.endsWith(".npz")) {
            groups = NumpyGroupsReader.read(file, new NumpyGroupsReader.Options(variables, statesArray, timesArray, null));
        } else {
            throw new InvalidInputException("data file " + file + " is neither .csv nor .npy/.npz; export your groups as"
                    + " CSV (group column plus variable columns) or as a NumPy array [groups, states, d]");
        }
        List<TrueInvariant> invariants = new ArrayList<>();
        truth.forEach((n, e) -> invariants.add(ExpressionInvariant.of(n, e, groups.variables())));
        return new FileDataModel(file, sha256(file), groups, invariants, truth);
    }

    /**
     * The largest magnitude a value may have: the networks standardise every variable by its mean and standard
     * deviation, and a sum of squares of values beyond {@code 1e150} overflows a double ({@code (1e154)² = ∞}).
     */
    static final double MAX_MAGNITUDE = 1e150;

    /**
     * Refuses, before any training, a variable that cannot be standardised: values beyond {@link #MAX_MAGNITUDE},
     * or a column that never changes (its spread is 0, so it carries nothing to learn from). Called by the jobs after
     * their own checks of the file's structure (time stamps, splits), which say more about a malformed file.
     *
     * @return this model
     */
    public FileDataModel checkColumns() {
        checkColumns(groups, path);
        return this;
    }

    private static void checkColumns(RaggedGroups groups, Path file) {
        int d = groups.dimension();
        double[] min = new double[d];
        double[] max = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] v : groups.values()) {
            for (int i = 0; i < v.length; i++) {
                int j = i % d;
                min[j] = Math.min(min[j], v[i]);
                max[j] = Math.max(max[j], v[i]);
            }
        }
        for (int j = 0; j < d; j++) {
            String name = groups.variables().get(j);
            double big = Math.max(Math.abs(min[j]), Math.abs(max[j]));
            if (big > MAX_MAGNITUDE) {
                throw new InvalidInputException(String.format(Locale.ROOT, "%s: variable '%s' has values as large as "
                        + "%.3g; beyond %.0e their squares overflow, so the column cannot be standardised: rescale it "
                        + "(e.g. divide by a power of ten) and give the file again", file.getFileName(),
                        InvalidInputException.excerpt(name), big, MAX_MAGNITUDE));
            }
            if (min[j] == max[j]) {
                throw new InvalidInputException(String.format(Locale.ROOT, "%s: variable '%s' is constant (every value "
                        + "is %s), so it carries nothing to learn from and cannot be standardised; leave it out with "
                        + "--variables or --ignore", file.getFileName(), InvalidInputException.excerpt(name), min[j]));
            }
        }
    }

    /** The file's name. */
    public String name() {
        return name;
    }

    /** The file, absolute. */
    public Path path() {
        return path;
    }

    /** The SHA-256 of the file's bytes, in hex, for provenance. */
    public String sha256() {
        return sha256;
    }

    /** The suspected invariants as given, name to expression. */
    public Map<String, String> truthExpressions() {
        return truthExpressions;
    }

    private static String sha256(Path file) {
        try {
            return Digests.sha256(file);
        } catch (java.io.UncheckedIOException e) {
            throw new InvariantLabException("cannot read data file " + file + ": " + IoErrors.describe(e.getCause(), file),
                    e);
        }
    }

    /** The groups of the file. */
    public RaggedGroups groups() {
        return groups;
    }

    @Override
    public StateSpace stateSpace() {
        return space;
    }

    /** Refused: a file holds the groups it holds. */
    @Override
    public GroupedData sample(SamplingRequest request) {
        throw new InvalidInputException("the data file " + name + " cannot draw new groups; its own groups are split "
                + "into training, validation and test");
    }

    /** The suspected invariants; empty when none were given (the run then reports truth-free scores). */
    @Override
    public List<TrueInvariant> invariants() {
        return truth;
    }
}
