package org.invariantlab.plugins.kepler;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where the periapsis of a sampled orbit points (the direction of its Runge–Lenz vector).
 *
 * <p>{@link #FIXED} puts every periapsis on {@code +x}, so the Runge–Lenz vector carries no information
 * beyond {@code E} and {@code L} ({@code Ay = 0}, {@code Ax = e = √(1 + 2EL²)}); {@link #RANDOM} turns each
 * orbit by a uniform angle, which makes the orientation a third label of the groups.
 */
enum Orientation {
    FIXED("fixed"),
    RANDOM("random");

    private final String word;

    Orientation(String word) {
        this.word = word;
    }

    /** The parameter value naming this orientation. */
    String word() {
        return word;
    }

    /** The periapsis angle {@code ω} of one orbit: 0, or uniform in {@code [0, 2π)}. */
    double draw(SplittableRandom rng) {
        return this == FIXED ? 0.0 : 2 * Math.PI * rng.nextDouble();
    }

    static List<String> words() {
        return Arrays.stream(values()).map(Orientation::word).toList();
    }

    static Orientation of(String word) {
        return Arrays.stream(values()).filter(o -> o.word.equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown orientation '" + word + "'"));
    }
}
