package org.invariantlab.executor.spark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps Spark's start-up chatter (some hundred INFO lines) off the console: where SLF4J logs to logback, as in the
 * installation, the loggers of Spark and the libraries it brings are set to WARN unless a configuration set them
 * already. Under {@code spark-submit} with Spark's own log4j 2 first on the class path, Spark's configuration
 * ({@code conf/log4j2.properties}) decides.
 */
final class SparkLogging {

    private static final List<String> WARN = List.of("org.apache.spark", "org.sparkproject", "org.apache.hadoop",
            "io.netty", "org.apache.zookeeper", "org.apache.curator", "org.glassfish", "org.eclipse.jetty");
    /**
     * Said on every start, of no use here: Spark works without Hadoop's native library; which address the host name
     * resolves to (when the executors cannot reach it, the run ends with a message that names spark.driver.host);
     * "Initial job has not accepted any resources" every 15 s while executors start (when none comes, the run ends
     * after spark.invariantlab.workerTimeout with a message that says why).
     */
    private static final List<String> ERROR = List.of("org.apache.hadoop.util.NativeCodeLoader",
            "org.apache.spark.util.Utils", "org.apache.spark.scheduler.TaskSchedulerImpl");
    /**
     * In local mode: a failed task's stack trace, logged by the executor and again by the scheduler for each task;
     * the failure reaches the user as one line (and whole with {@code --verbose}) through the job's exception.
     */
    private static final List<String> OFF_LOCAL = List.of("org.apache.spark.executor.Executor",
            "org.apache.spark.scheduler.TaskSetManager");

    private SparkLogging() {
    }

    /** Quiets Spark's loggers; {@code local}: the master is a local one. */
    static void quiet(boolean local) {
        try {
            Logback.quiet(local);
        } catch (LinkageError e) {
            // logback is not on the class path: Spark's own logging configuration applies
        }
    }

    /** Separate, so that a class path without logback fails only here. */
    private static final class Logback {
        static void quiet(boolean local) {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                WARN.forEach(name -> level(context, name, Level.WARN));
                ERROR.forEach(name -> level(context, name, Level.ERROR));
                if (local) {
                    OFF_LOCAL.forEach(name -> level(context, name, Level.OFF));
                }
            }
        }

        private static void level(LoggerContext context, String name, Level level) {
            ch.qos.logback.classic.Logger logger = context.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(level);
            }
        }
    }
}
