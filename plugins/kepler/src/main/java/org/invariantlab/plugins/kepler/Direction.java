package org.invariantlab.plugins.kepler;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sense of rotation of the sampled orbits, i.e. the sign of the angular momentum {@code L = x·vy − y·vx}:
 * counter-clockwise ({@code L > 0}), clockwise ({@code L < 0}) or either with probability ½.
 */
enum Direction {
    CCW("ccw"),
    CW("cw"),
    BOTH("both");

    private final String word;

    Direction(String word) {
        this.word = word;
    }

    /** The parameter value naming this direction. */
    String word() {
        return word;
    }

    /** The sense {@code s = ±1} of one orbit. */
    int draw(SplittableRandom rng) {
        return switch (this) {
            case CCW -> 1;
            case CW -> -1;
            case BOTH -> rng.nextBoolean() ? 1 : -1;
        };
    }

    static List<String> words() {
        return Arrays.stream(values()).map(Direction::word).toList();
    }

    static Direction of(String word) {
        return Arrays.stream(values()).filter(d -> d.word.equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown direction '" + word + "'"));
    }
}
