package org.invariantlab.core.compare;

import java.nio.file.Path;
import java.util.List;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.job.JobListener;

/**
 * Runs the cells of a comparison: one after another in this process ({@code local}), on a thread pool
 * ({@code local --parallel N}), or as tasks of an existing distributed engine ({@code spark}, from the Spark
 * add-on). Executors are bound in Guice ({@link ExecutorsModule}); an add-on contributes one through a
 * {@link CellExecutorModule} found by {@link java.util.ServiceLoader}.
 *
 * <p>Every executor runs a cell with {@link CellWorker#run}, which writes the cell's folder and its
 * {@code cell.json}; the executor hands each finished {@link CellResult} to the sink as soon as it has it.
 */
public interface CellExecutor {

    /** The id given to {@code --executor}. */
    String id();

    /** One line for {@code compare --help} and the docs. */
    String description();

    /**
     * Refuses options this executor does not implement (so that none is silently ignored), in one plain line.
     *
     * @throws org.invariantlab.api.InvalidInputException naming the option
     */
    void check(Options options);

    /** Runs {@code cells}, in any order, handing each result to {@code sink} as it finishes. */
    void execute(Context context, List<Cell> cells, Sink sink);

    /**
     * Executor options from the command line.
     *
     * @param parallel cells at once (0: not given)
     * @param master   the Spark master URL (null: not given)
     */
    record Options(int parallel, String master) {
        public static Options defaults() {
            return new Options(0, null);
        }
    }

    /**
     * Where the cells go and what runs them.
     *
     * @param worker   runs a cell in this process, with the started InvariantLab of this process (its plugins
     *                 directory is what workers elsewhere load)
     * @param cells    the {@code cells/} folder of the comparison
     * @param options  the executor options
     * @param listener progress of the cell being run in this process
     */
    record Context(CellWorker worker, Path cells, Options options, JobListener listener) {

        /** The started InvariantLab of this process. */
        public InvariantLab lab() {
            return worker.lab();
        }
    }

    /** Receives cells as they start (where the executor knows) and results as they finish. */
    interface Sink {
        void started(Cell cell);

        void finished(CellResult result);
    }
}
