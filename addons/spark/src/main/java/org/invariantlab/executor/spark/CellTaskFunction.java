package org.invariantlab.executor.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.Function;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.compare.Cell;
import org.invariantlab.core.compare.CellWorker;
import org.invariantlab.core.compare.LocalExecutor;
import org.invariantlab.core.io.Leftovers;
import org.invariantlab.core.job.JobListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Spark task, on a worker: reads the cell from its JSON, runs it with {@link CellWorker} into a fresh temporary
 * folder, and returns the cell's folder as zip bytes (the temporary folder is deleted). Serialized to the workers
 * with the plugins directory as the driver resolved it.
 */
final class CellTaskFunction implements Function<String, byte[]> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(CellTaskFunction.class);

    private final String pluginsDirectory;

    CellTaskFunction(String pluginsDirectory) {
        this.pluginsDirectory = pluginsDirectory;
    }

    @Override
    public byte[] call(String json) throws Exception {
        Cell cell = JSON.readValue(json, Cell.class);
        WorkerCleanup.register();
        String host = LocalExecutor.host();
        InvariantLab lab;
        try {
            lab = WorkerLabs.get(pluginsDirectory(pluginsDirectory));
        } catch (InvariantLabException e) {
            throw new InvariantLabException("on " + host + ": " + e.getMessage() + " (every worker needs the plugins: "
                    + "ship them with --archives plugins.zip#plugins --conf " + SparkExecutor.PLUGINS_PROPERTY
                    + "=plugins; docs/spark.md)", e);
        }
        Path tmp = Files.createTempDirectory("invariantlab-cell-");
        Leftovers.Registration cleanup = Leftovers.removeOnExit(tmp);
        try {
            lab.services().getInstance(CellWorker.class).run(cell, tmp, SparkExecutor.ID + " on " + host, JobListener.silent());
            return CellFolders.zip(tmp.resolve(cell.id()));
        } finally {
            try {
                Leftovers.deleteTree(tmp);
            } catch (UncheckedIOException e) {
                LOG.warn("cannot delete the temporary folder of cell {}: {}", cell.id(), e.getMessage());
            }
            cleanup.close();
        }
    }

    /**
     * The plugins directory on this worker: an absolute path as it is; a relative one where Spark unpacked the job's
     * archives ({@code --archives plugins.zip#plugins}) if it is there, else from the working directory.
     */
    static Path pluginsDirectory(String dir) {
        Path p = Path.of(dir);
        if (!p.isAbsolute()) {
            Path shipped = Path.of(SparkFiles.getRootDirectory()).resolve(p);
            if (Files.isDirectory(shipped)) {
                return shipped.toAbsolutePath().normalize();
            }
        }
        return p.toAbsolutePath().normalize();
    }
}
