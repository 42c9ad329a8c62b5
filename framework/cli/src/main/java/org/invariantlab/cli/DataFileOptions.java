package org.invariantlab.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.job.DataFile;
import picocli.CommandLine.Option;

/** The options that describe the physicist's own data file (docs/data.md), shared by {@code run} and {@code count}. */
final class DataFileOptions {

    @Option(names = "--data", paramLabel = "FILE",
            description = "Your own data instead of a system: a .csv (group column plus variable columns, as "
                    + "'sample' writes), .npy or .npz (an array [groups, states, d]); see docs/data.md.")
    Path dataFile;

    @Option(names = "--variables", split = ",", paramLabel = "NAME",
            description = "With --data: the variable columns of a CSV, or the names of a NumPy array's last axis.")
    List<String> variables;

    @Option(names = "--group-column", paramLabel = "NAME", description = "With --data: the CSV's group column (default group).")
    String groupColumn;

    @Option(names = "--time-column", paramLabel = "NAME", description = "With --data: the CSV's time column (default none).")
    String timeColumn;

    @Option(names = "--ignore", split = ",", paramLabel = "NAME",
            description = "With a CSV: columns that are not variables (when --variables is not given).")
    List<String> ignore;

    @Option(names = "--states-array", paramLabel = "NAME", description = "With an .npz: the states array (default: the only 3-d one).")
    String statesArray;

    @Option(names = "--times-array", paramLabel = "NAME", description = "With an .npz: the times array (default t or times).")
    String timesArray;

    @Option(names = "--truth", paramLabel = "NAME=EXPR",
            description = "With --data: an invariant you suspect, in Symja syntax over the variables (repeatable), "
                    + "scored like a system's true invariant, e.g. --truth E=(vx^2+vy^2)/2-1/Sqrt(x^2+y^2).")
    Map<String, String> truth = new LinkedHashMap<>();

    @Option(names = "--split", split = ",", paramLabel = "F",
            description = "With --data: fractions of the groups for training, validation and test (default 0.8,0.1,0.1).")
    List<Double> split;

    /**
     * The data file these options describe, or {@code null} without {@code --data}.
     *
     * @throws InvalidInputException when a file option is given without {@code --data}
     */
    DataFile file() {
        if (dataFile == null && (variables != null || groupColumn != null || timeColumn != null || ignore != null
                || statesArray != null || timesArray != null || !truth.isEmpty() || split != null)) {
            throw new InvalidInputException("--variables, --group-column, --time-column, --ignore, --states-array, "
                    + "--times-array, --truth and --split describe a data file: give --data FILE too");
        }
        return dataFile == null ? null : new DataFile(dataFile.toAbsolutePath().normalize().toString(), variables,
                groupColumn, timeColumn, ignore, statesArray, timesArray, truth, split);
    }
}
