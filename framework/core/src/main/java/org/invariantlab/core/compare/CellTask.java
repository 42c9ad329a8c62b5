package org.invariantlab.core.compare;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.invariantlab.core.count.CountSpec;
import org.invariantlab.core.run.RunSpec;

/**
 * What a cell does, as a value that survives a trip through JSON (to a Spark worker and into {@code cell.json}):
 * an ordinary run or an ordinary count.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = CellTask.Run.class, name = "run"),
        @JsonSubTypes.Type(value = CellTask.Count.class, name = "count")})
public sealed interface CellTask {

    /** A run ({@code invariantlab run}) of this spec. */
    record Run(RunSpec spec) implements CellTask {
    }

    /** A count ({@code invariantlab count}) of this spec. */
    record Count(CountSpec spec) implements CellTask {
    }
}
