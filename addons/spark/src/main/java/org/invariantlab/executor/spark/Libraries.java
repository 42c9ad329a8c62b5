package org.invariantlab.executor.spark;

/**
 * The conflicts between a Spark installation's libraries and the installation's on the executors, each turned into
 * one plain message. (Guava without its failureaccess on the driver is the command line's: {@code Main}.)
 *
 * <ul>
 *   <li>A Spark release ships Arrow's {@code flatbuffers-java} (25.x), which comes before the installation's 1.12.0
 *       on the executors' class path; ND4J's generated FlatBuffers code (SameDiff, its graph files) calls methods
 *       that 25.x lacks. InvariantLab's own training does not use them; a cell that does fails with this
 *       explanation. With {@value Shipment#HOME_PROPERTY} the executors get ND4J's copy first.</li>
 *   <li>Executors that cannot load InvariantLab's classes at all (the task's function arrives as a
 *       {@code SerializedLambda}): the jars did not reach them.</li>
 * </ul>
 */
final class Libraries {

    private Libraries() {
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
}
