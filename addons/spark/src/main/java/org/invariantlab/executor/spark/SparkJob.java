package org.invariantlab.executor.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.compare.Cell;
import org.invariantlab.core.compare.CellExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * One {@code --executor spark} run on the driver: starts the Spark context, submits one job with a partition per
 * cell, and hands each cell to the sink as its task starts and as its folder comes back.
 *
 * <p>The job is submitted asynchronously with a result handler, so all cells run at once (as many as the master has
 * cores) and each result arrives when its task ends. The handler (on Spark's scheduler thread) and a listener for
 * task starts (on Spark's listener thread) only queue events; the calling thread takes them from the queue, unpacks
 * the folders and talks to the sink, so the sink is only ever called from one thread.
 */
final class SparkJob {

    private static final Logger LOG = LoggerFactory.getLogger(SparkJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_NAME = "invariantlab compare";
    private static final Pattern TASK_FAILURE = Pattern.compile(
            "most recent failure: Lost task \\S+ in stage \\S+ \\(TID \\d+\\) \\([^)]*\\): ([\\w.$]+): (.*)");

    /** The Spark property: seconds without a live executor before the run ends with a message. */
    static final String TIMEOUT_PROPERTY = "spark.invariantlab.workerTimeout";
    static final int DEFAULT_TIMEOUT = 120;

    private final CellExecutor.Context context;
    private final String master;
    private String executorMemory = "1g";

    SparkJob(CellExecutor.Context context, String master) {
        this.context = context;
        this.master = master;
    }

    /** What the scheduler tells the calling thread, by partition (= index of the cell). */
    private sealed interface Event permits Started, Finished {
        int partition();
    }

    private record Started(int partition) implements Event {
    }

    private record Finished(int partition, byte[] zip) implements Event {
    }

    void run(List<Cell> cells, CellExecutor.Sink sink) {
        SparkLogging.quiet(Shipment.isLocal(master)); // before any Spark class logs
        SparkConf conf = conf();
        double timeout = workerTimeout(conf);
        executorMemory = conf.get("spark.executor.memory", "1g");
        List<String> tasks = cells.stream().map(SparkJob::json).toList();
        WorkerLabs.register(context.lab());
        JavaSparkContext spark = null;
        try (Shipment shipment = Shipment.prepare(conf, master, Shipment.classPath(),
                Shipment.jarOf(SparkJob.class), Shipment.jarOf(SparkConf.class), context.lab().pluginsDirectory())) {
            String plugins = conf.get(SparkExecutor.PLUGINS_PROPERTY, context.lab().pluginsDirectory().toString());
            try {
                long t0 = System.nanoTime();
                spark = start(conf);
                LOG.info("Spark {} started in {} s (master {}), {} cells; {}", spark.version(),
                        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9), master, cells.size(),
                        shipment.summary());
                BlockingQueue<Event> events = new LinkedBlockingQueue<>();
                Executors executors = new Executors(spark);
                spark.sc().addSparkListener(new TaskStarts(events));
                JavaRDD<byte[]> folders = spark.parallelize(tasks, tasks.size()).map(new CellTaskFunction(plugins));
                SimpleFutureAction<BoxedUnit> job = spark.sc().submitJob(folders.rdd(), new OnlyElement(),
                        partitions(tasks.size()), new Results(events), new NoResult());
                try {
                    receive(cells, events, job, sink, Shipment.isLocal(master) ? null : executors, timeout);
                } finally {
                    if (!job.isCompleted()) {
                        job.cancel();
                    }
                }
            } finally {
                stop(spark);
            }
        } finally {
            WorkerLabs.unregister(context.lab());
        }
    }

    private static void stop(JavaSparkContext spark) {
        if (spark != null) {
            long t1 = System.nanoTime();
            try {
                spark.stop();
            } catch (Exception e) { // as in start(): whatever Scala throws
                LOG.warn("Spark did not stop cleanly: {}", e.toString());
            }
            LOG.info("Spark stopped in {} s", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t1) / 1e9));
        }
    }

    /**
     * {@value #TIMEOUT_PROPERTY}: how long the cells may wait with no executor alive (none started yet, or every
     * worker gone) before {@code compare} gives up; default {@value #DEFAULT_TIMEOUT} s.
     */
    static double workerTimeout(SparkConf conf) {
        String v = conf.get(TIMEOUT_PROPERTY, String.valueOf(DEFAULT_TIMEOUT)).strip();
        try {
            double s = Double.parseDouble(v.endsWith("s") ? v.substring(0, v.length() - 1) : v);
            if (s > 0 && Double.isFinite(s)) {
                return s;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidInputException(TIMEOUT_PROPERTY + "=" + v + " is not a number of seconds above 0; give e.g. -D"
                + TIMEOUT_PROPERTY + "=300");
    }

    /**
     * The configuration: {@code spark.*} system properties ({@code spark-submit} sets them), the master, and defaults
     * that a user's own setting overrides: no web UI, no console progress bar, no limit on the total size of results
     * (each cell's folder is one result, and a grid may have thousands), and in local mode the loopback interface.
     */
    private SparkConf conf() {
        SparkConf conf = new SparkConf().setMaster(master);
        String name = conf.get("spark.app.name", "");
        if (name.isEmpty() || name.equals("org.invariantlab.cli.Main")) { // spark-submit's default: the main class
            conf.setAppName(APP_NAME);
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.driver.maxResultSize", "0");
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }

    private JavaSparkContext start(SparkConf conf) {
        try {
            return new JavaSparkContext(conf);
        } catch (Exception e) { // SparkException too, which Scala throws undeclared
            throw new InvariantLabException("cannot start Spark (master " + master + "): " + firstLine(e), e);
        }
    }

    /**
     * Takes events until every cell is back; a job that ends without them becomes one plain error, and so does a
     * cluster without a live executor for {@code timeout} seconds ({@code executors} null: a local master).
     */
    private void receive(List<Cell> cells, BlockingQueue<Event> events, SimpleFutureAction<BoxedUnit> job,
                         CellExecutor.Sink sink, Executors executors, double timeout) {
        int n = cells.size();
        boolean[] started = new boolean[n];
        boolean[] finished = new boolean[n];
        int done = 0;
        long lastAlive = System.nanoTime();
        while (done < n) {
            if (executors != null) {
                if (executors.alive() > 0) {
                    lastAlive = System.nanoTime();
                } else if ((System.nanoTime() - lastAlive) / 1e9 > timeout) {
                    throw new InvariantLabException(String.format(Locale.ROOT, "no Spark executor for %.0f s "
                            + "(master %s): %s; %d of %d cells did not run (the cells that finished are kept; start "
                            + "workers and run the same command; -D%s=SECONDS waits longer)", timeout, master,
                            executors.everAdded() ? "every executor is gone (its workers stopped or were lost)"
                                    : "no executor started: no worker with a free core and spark.executor.memory ("
                                    + executorMemory + ") is registered with it, or the executors fail at their start "
                                    + "(each worker's work/app-*/N/stderr says why) or cannot reach this machine "
                                    + "(set spark.driver.host to an address the workers reach)",
                            n - done, n, TIMEOUT_PROPERTY));
                }
            }
            Event e;
            try {
                e = events.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new InvariantLabException("interrupted while Spark ran the cells", x);
            }
            if (e == null) {
                // results are queued before the job completes, so an empty queue after completion means none is left
                if (job.isCompleted() && events.isEmpty()) {
                    throw failure(job, n - done);
                }
                continue;
            }
            int i = e.partition();
            if (i < 0 || i >= n || finished[i]) {
                continue;
            }
            if (!started[i]) { // a short task's start may be reported after its result
                started[i] = true;
                sink.started(cells.get(i));
            }
            if (e instanceof Finished f) {
                finished[i] = true;
                done++;
                sink.finished(CellFolders.install(context.cells(), cells.get(i), f.zip()));
            }
        }
    }

    private static InvariantLabException failure(SimpleFutureAction<BoxedUnit> job, int missing) {
        String reason = "the job ended without them";
        Throwable cause = null;
        if (job.value().isDefined() && job.value().get().isFailure()) {
            cause = job.value().get().failed().get();
            reason = taskFailure(firstLine(cause));
        }
        return new InvariantLabException("Spark did not run " + missing + " cell" + (missing == 1 ? "" : "s") + ": "
                + reason + " (the cells that finished are kept; the same command runs the others)", cause);
    }

    /**
     * The reason a task gave, from Spark's "Job aborted due to stage failure: … most recent failure: Lost task 1.0 in
     * stage 0.0 (TID 1) (HOST executor ID): CLASS: MESSAGE": the message alone for InvariantLab's own exceptions,
     * else the exception's simple name and message; anything else as it is.
     */
    static String taskFailure(String sparkMessage) {
        Matcher m = TASK_FAILURE.matcher(sparkMessage);
        if (!m.find()) {
            return sparkMessage;
        }
        String type = m.group(1);
        String simple = type.substring(type.lastIndexOf('.') + 1);
        String known = Libraries.explain(simple, m.group(2));
        if (known != null) {
            return known;
        }
        return type.startsWith("org.invariantlab.") ? m.group(2) : simple + ": " + m.group(2);
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    private static String json(Cell cell) {
        try {
            return JSON.writeValueAsString(cell);
        } catch (JsonProcessingException e) {
            throw new InvariantLabException("cannot write cell " + cell.id() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static scala.collection.immutable.Seq<Object> partitions(int n) {
        List<Object> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(i);
        }
        return CollectionConverters.asScala(ids).toSeq();
    }

    /** On a worker: the partition's only element, the cell's zipped folder. */
    private static final class OnlyElement extends AbstractFunction1<Iterator<byte[]>, byte[]> implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] apply(Iterator<byte[]> partition) {
            if (!partition.hasNext()) {
                throw new IllegalStateException("a partition without a cell");
            }
            return partition.next();
        }
    }

    /** On the driver, on Spark's scheduler thread: queues a finished cell. */
    private static final class Results extends AbstractFunction2<Object, byte[], BoxedUnit> {
        private final BlockingQueue<Event> events;

        Results(BlockingQueue<Event> events) {
            this.events = events;
        }

        @Override
        public BoxedUnit apply(Object partition, byte[] zip) {
            events.add(new Finished((Integer) partition, zip));
            return BoxedUnit.UNIT;
        }
    }

    /** The job's value: nothing (the results went to {@link Results}). */
    private static final class NoResult extends AbstractFunction0<BoxedUnit> {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }

    /**
     * The live executors, asked of the context each time (not counted from listener events, which a context that
     * waits for its executors before it returns would have sent before a listener could be added).
     */
    private static final class Executors {
        private final JavaSparkContext spark;
        private boolean seen;

        Executors(JavaSparkContext spark) {
            this.spark = spark;
        }

        int alive() {
            int n = spark.sc().getExecutorIds().size(); // the driver is not among them
            seen |= n > 0;
            return n;
        }

        boolean everAdded() {
            return seen;
        }
    }

    /** On the driver, on Spark's listener thread: queues a cell whose task started. */
    private static final class TaskStarts extends SparkListener {
        private final BlockingQueue<Event> events;

        TaskStarts(BlockingQueue<Event> events) {
            this.events = events;
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            events.add(new Started(start.taskInfo().partitionId()));
        }
    }
}
