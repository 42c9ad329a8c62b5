package org.invariantlab.core.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.symbolic.SafeExpression;

/**
 * The physicist's own data as the data of a run (instead of a simulated system): a CSV or NumPy file of groups
 * (docs/data.md), how to read it, the true invariants one suspects, and the group-level split.
 *
 * @param path        the file ({@code .csv}, {@code .npy} or {@code .npz})
 * @param variables   CSV: the variable columns in order (empty: every other numeric column); NumPy: the names of
 *                    the last axis (empty: {@code x0, x1, …})
 * @param groupColumn CSV: the column of group (trajectory) ids
 * @param timeColumn  CSV: the column of time stamps, or {@code null}
 * @param ignore      CSV: columns that are not variables (used when {@code variables} is empty)
 * @param statesArray NPZ: the array of states, or {@code null} for the only 3-d array
 * @param timesArray  NPZ: the array of time stamps, or {@code null}
 * @param truth       suspected invariants, name to expression in Symja syntax over the variables; may be empty
 * @param split       fractions of the groups for training, validation and test, summing to 1
 */
@JsonPropertyOrder({"path", "variables", "groupColumn", "timeColumn", "ignore", "statesArray", "timesArray", "truth",
        "split"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataFile(String path, List<String> variables, String groupColumn, String timeColumn, List<String> ignore,
                       String statesArray, String timesArray, Map<String, String> truth, List<Double> split) {

    /** The default split: 80 % of the groups for training, 10 % each for validation and test. */
    public static final List<Double> DEFAULT_SPLIT = List.of(0.8, 0.1, 0.1);

    public DataFile {
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("the data file has no path; set 'file.path' or give --data FILE");
        }
        variables = variables == null ? List.of() : List.copyOf(variables);
        groupColumn = groupColumn == null ? "group" : groupColumn;
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
        truth = Collections.unmodifiableMap(new LinkedHashMap<>(truth == null ? Map.of() : truth));
        // checked against the whitelist as soon as it is read, before anything else happens (SafeExpression)
        truth.forEach((name, expression) -> SafeExpression.check(expression, "truth '"
                + InvalidInputException.excerpt(name + "=" + expression) + "'"));
        split = split == null ? DEFAULT_SPLIT : List.copyOf(split);
        if (split.size() != 3) {
            throw new InvalidInputException("file.split needs three fractions (training, validation, test), e.g. "
                    + "0.8,0.1,0.1; got " + split);
        }
    }

    /** A file read with the default options. */
    public static DataFile of(String path) {
        return new DataFile(path, null, null, null, null, null, null, null, null);
    }

    /** YAML/JSON entry point: omitted keys take their defaults. */
    @JsonCreator
    static DataFile fromJson(@JsonProperty("path") String path, @JsonProperty("variables") List<String> variables,
                             @JsonProperty("groupColumn") String groupColumn, @JsonProperty("timeColumn") String timeColumn,
                             @JsonProperty("ignore") List<String> ignore,
                             @JsonProperty("statesArray") String statesArray, @JsonProperty("timesArray") String timesArray,
                             @JsonProperty("truth") Map<String, String> truth, @JsonProperty("split") List<Double> split) {
        return new DataFile(path, variables, groupColumn, timeColumn, ignore, statesArray, timesArray, truth, split);
    }

    /**
     * This file with its path made absolute: a relative path is taken from {@code folder} (the folder of the spec or
     * grid file that names it; the working directory for the command line), so that a result's {@code spec.yaml}
     * finds its data from anywhere.
     */
    public DataFile resolvedAgainst(java.nio.file.Path folder) {
        java.nio.file.Path p = java.nio.file.Path.of(path);
        java.nio.file.Path abs = (p.isAbsolute() ? p : folder.resolve(p)).toAbsolutePath().normalize();
        return new DataFile(abs.toString(), variables, groupColumn, timeColumn, ignore, statesArray, timesArray, truth,
                split);
    }

    /** This file with the suspected invariants {@code t}. */
    public DataFile withTruth(Map<String, String> t) {
        return new DataFile(path, variables, groupColumn, timeColumn, ignore, statesArray, timesArray, t, split);
    }
}
