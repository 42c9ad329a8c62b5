package org.invariantlab.core.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One combination of a grid: a data set, a method, a seed and the sweep values, with the run or count it stands for.
 *
 * @param id          {@code data--method--s<seed>[--noise<σ>][--n<size>]}, the folder name under {@code cells/}
 * @param data        the data set's label
 * @param method      the method's name
 * @param kind        {@code run} or {@code count}
 * @param seed        the master seed
 * @param noise       the swept noise level, or null when the grid does not sweep noise
 * @param size        the swept data size, or null when the grid does not sweep sizes
 * @param task        the run or count
 * @param fingerprint SHA-256 of the task as JSON: equal fingerprints, equal work
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cell(String id, String data, String method, String kind, long seed, Double noise, Integer size,
                   CellTask task, String fingerprint) {

    public Cell {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
    }
}
