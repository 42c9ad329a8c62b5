package org.invariantlab.executor.spark;

import org.invariantlab.api.InvariantLabException;

/**
 * The conflicts between a Spark installation's libraries and the installation's, each turned into one plain message.
 *
 * <ul>
 *   <li>Guava without {@code failureaccess} in Spark's {@code jars/}: Guava's futures need its
 *       {@code InternalFutureFailureAccess}, so the driver dies on its first future. Checked before Spark starts,
 *       with the class loader that loaded Guava (a copy of failureaccess further down the class path does not
 *       help it).</li>
 *   <li>A Spark release ships Arrow's {@code flatbuffers-java} (25.x), which comes before the installation's 1.12.0
 *       on the executors' class path; ND4J's generated FlatBuffers code (SameDiff, its graph files) calls methods
 *       that 25.x lacks. InvariantLab's own training does not use them; a cell that does fails with this
 *       explanation. With {@value Shipment#HOME_PROPERTY} the executors get ND4J's copy first.</li>
 *   <li>Executors that cannot load InvariantLab's classes at all (the task's function arrives as a
 *       {@code SerializedLambda}): the jars did not reach them.</li>
 * </ul>
 */
final class Libraries {

    private static final String FAILURE_ACCESS = "com.google.common.util.concurrent.internal.InternalFutureFailureAccess";

    private Libraries() {
    }

    /** On the driver, before Spark starts: Guava can find its failureaccess. */
    static void checkDriver() {
        Class<?> future;
        try {
            future = Class.forName("com.google.common.util.concurrent.AbstractFuture");
        } catch (ClassNotFoundException | LinkageError e) {
            return; // no Guava at all: Spark says what it misses
        }
        try {
            Class.forName(FAILURE_ACCESS, false, future.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvariantLabException("the Guava that Spark loads (" + where(future) + ") has no failureaccess "
                    + "beside it, and Spark cannot start without it: put failureaccess-1.0.3.jar (Maven Central, "
                    + "com.google.guava:failureaccess) into the same folder (docs/spark.md, \"Libraries\")");
        }
    }

    /**
     * A plain explanation of a task's failure ({@code type}: the exception's simple name) when its cause is a known
     * library conflict, else null.
     */
    static String explain(String type, String message) {
        if (type.equals("ClassCastException") && message.contains("SerializedLambda")) {
            return "the executors cannot load InvariantLab's classes: its jars did not reach them (with -D"
                    + Shipment.HOME_PROPERTY + ", check that this version is installed at that path on every worker; "
                    + "under spark-submit, give --jars as docs/spark.md shows)";
        }
        if ((type.equals("NoSuchMethodError") || type.equals("NoClassDefFoundError"))
                && message.contains("flatbuffers")) {
            return "the workers' Spark has a flatbuffers-java that ND4J cannot use (it needs 1.12.0, and the Spark "
                    + "release's copy for Arrow comes first): install InvariantLab on the workers and give -D"
                    + Shipment.HOME_PROPERTY + "=PATH (its copy is then put first), or remove flatbuffers-java-*.jar "
                    + "from the workers' Spark jars/ (docs/spark.md, \"Libraries\")";
        }
        return null;
    }

    private static String where(Class<?> type) {
        var jar = Shipment.jarOf(type);
        return jar == null ? "of the class path" : jar.toString();
    }
}
