/**
 * The Spark add-on: {@code invariantlab compare GRID.yaml --out DIR --executor spark --master local[2]} (or under
 * {@code spark-submit}) runs the cells of a comparison as Spark tasks.
 *
 * <ul>
 *   <li>{@link org.invariantlab.executor.spark.SparkExecutor}: the executor ({@code spark}), registered by
 *       {@link org.invariantlab.executor.spark.SparkExecutorModule} through {@code META-INF/services}.</li>
 *   <li>{@code SparkJob}: the driver's side: starts the Spark context, submits one job with a partition per cell
 *       (the cell as JSON), and hands each cell to the comparison as its task starts and as its folder comes
 *       back.</li>
 *   <li>{@code CellTaskFunction}: what a task does on a worker: run the cell with
 *       {@link org.invariantlab.core.compare.CellWorker} into a temporary folder and return that folder zipped, so
 *       that no shared file system is needed.</li>
 *   <li>{@code WorkerLabs}: one started InvariantLab per plugins directory and JVM; in local mode the driver's own.</li>
 *   <li>{@code CellFolders}: zipping a cell's folder, and unzipping it (guarded against entries that leave the
 *       folder) into a staging folder that is renamed into place.</li>
 *   <li>{@code SparkLogging}: Spark's loggers at WARN where the installation logs to logback.</li>
 * </ul>
 *
 * <p>The add-on's jars go to the installation's {@code lib/spark/}; see docs/spark.md.
 */
package org.invariantlab.executor.spark;
