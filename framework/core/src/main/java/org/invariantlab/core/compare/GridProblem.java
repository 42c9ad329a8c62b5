package org.invariantlab.core.compare;

/**
 * One thing wrong with a grid, at its line (0 when it concerns the whole file).
 *
 * @param line    1-based line in the grid file
 * @param message what is wrong and how to fix it
 */
public record GridProblem(int line, String message) {

    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + message;
    }
}
