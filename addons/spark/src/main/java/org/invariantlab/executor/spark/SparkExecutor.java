package org.invariantlab.executor.spark;

import java.util.List;
import java.util.regex.Pattern;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.compare.Cell;
import org.invariantlab.core.compare.CellExecutor;

/**
 * {@code compare --executor spark}: every cell is a Spark task. The driver (the {@code compare} process) sends each
 * cell as JSON, one partition per cell; a task runs its cell on a worker with
 * {@link org.invariantlab.core.compare.CellWorker} into a temporary folder and sends that folder back zipped; the
 * driver unpacks it into {@code DIR/cells/<id>/} and reports the cell as soon as it arrives. Only the driver writes
 * into the comparison folder, so a cluster needs no shared file system.
 *
 * <p>The master is {@code --master} or else the {@code spark.master} property that {@code spark-submit} sets. The
 * plugins a worker loads are in the directory named by the Spark property {@value #PLUGINS_PROPERTY} (relative paths
 * are looked up where Spark unpacks {@code --archives}, then in the worker's working directory), by default the
 * driver's own plugins directory; in local mode the tasks use the driver's started InvariantLab itself.
 *
 * <p>This class touches no Spark class until {@link #execute} (every executor is created whenever {@code compare}
 * lists them), so the add-on's jar alone does no harm.
 */
public final class SparkExecutor implements CellExecutor {

    /** The id given to {@code --executor}. */
    public static final String ID = "spark";

    /** The Spark property naming the plugins directory as the workers see it. */
    public static final String PLUGINS_PROPERTY = "spark.invariantlab.plugins";

    /** The system property {@code spark-submit} sets to the master. */
    static final String MASTER_PROPERTY = "spark.master";

    private static final Pattern MASTER_URL = Pattern.compile("local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?])?"
            + "|local-cluster\\[[1-9]\\d*,[1-9]\\d*,[1-9]\\d*]|spark://\\S+|yarn|k8s://\\S+");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "cells as Spark tasks (--master local[N] or spark://HOST:PORT, or the master spark-submit sets); "
                + "each cell's folder comes back to this machine";
    }

    @Override
    public void check(Options options) {
        if (options.parallel() != 0) {
            throw new InvalidInputException("--parallel is for the local executor; Spark runs as many cells at a time "
                    + "as its master has cores (--master local[2]: two), so remove --parallel");
        }
        String master = master(options);
        if (master == null) {
            throw new InvalidInputException("--executor spark needs a Spark master: give --master local[2] (two cells "
                    + "at a time on this machine), or start invariantlab with spark-submit, which sets it");
        }
        if (!MASTER_URL.matcher(master).matches()) {
            throw new InvalidInputException("'" + master + "' is not a Spark master URL; use local[N], "
                    + "spark://HOST:PORT, yarn or k8s://https://HOST:PORT");
        }
    }

    @Override
    public void execute(Context context, List<Cell> cells, Sink sink) {
        check(context.options());
        if (cells.isEmpty()) {
            return; // nothing to run: no reason to start Spark
        }
        try {
            new SparkJob(context, master(context.options())).run(cells, sink);
        } catch (NoClassDefFoundError e) {
            throw new InvariantLabException("a library of Spark is missing (" + e.getMessage() + "): unpack the whole "
                    + "Spark add-on into the installation, so that lib/spark/ holds its jars (docs/spark.md)", e);
        }
    }

    /** {@code --master}, else the {@code spark.master} system property, else null. */
    static String master(Options options) {
        String m = options.master();
        if (m == null || m.isBlank()) {
            m = System.getProperty(MASTER_PROPERTY);
        }
        return m == null || m.isBlank() ? null : m.strip();
    }
}
