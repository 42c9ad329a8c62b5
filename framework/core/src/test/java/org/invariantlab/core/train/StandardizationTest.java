package org.invariantlab.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.invariantlab.api.InvariantLabException;
import org.junit.jupiter.api.Test;

class StandardizationTest {

    @Test
    void fitsMeanAndPopulationStdOverAllBlocks() {
        Standardization s = Standardization.fit(2, new double[] {1, 10, 3, 10}, new double[] {5, 10});
        assertArrayEquals(new double[] {3, 10}, s.mean(), 1e-15);
        assertEquals(Math.sqrt(8.0 / 3), s.std()[0], 1e-15);
        assertEquals(1.0, s.std()[1], 0.0, "a constant column keeps scale 1");
        assertArrayEquals(new double[] {-2 / Math.sqrt(8.0 / 3), 0, 0, 0}, s.apply(new double[] {1, 10, 3, 10}), 1e-15);
        double[] u = Standardization.fit(2, new double[] {1e9, 1, 1e9 + 1, 2}).apply(new double[] {1e9, 1});
        assertArrayEquals(new double[] {-1, -1}, u, 1e-6);
    }

    @Test
    void jsonRoundTripIsExact() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] mean = new double[7];
        double[] std = new double[7];
        for (int j = 0; j < 7; j++) {
            mean[j] = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-20, 20));
            std[j] = rng.nextDouble() * Math.pow(10, rng.nextInt(-20, 20)) + Double.MIN_VALUE;
        }
        Standardization s = new Standardization(mean, std);
        Standardization back = Standardization.fromJson(s.toJson(), "test");
        assertEquals(s, back);
        assertArrayEquals(mean, back.mean(), 0.0);
        assertArrayEquals(std, back.std(), 0.0);
    }

    @Test
    void invalidInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Standardization(new double[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Standardization(new double[] {0, 1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Standardization.fit(2, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> Standardization.fit(1, new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Standardization.fit(1));
        InvariantLabException e = assertThrows(InvariantLabException.class,
                () -> Standardization.fromJson("{\"mean\": [0], \"std\": [-1]}", "s.json"));
        assertTrue(e.getMessage().startsWith("s.json: "), e.getMessage());
        e = assertThrows(InvariantLabException.class, () -> Standardization.fromJson("{", "s.json"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        e = assertThrows(InvariantLabException.class,
                () -> Standardization.fromJson("{\"mean\": [\"a\"], \"std\": [1]}", "s.json"));
        assertTrue(e.getMessage().contains("mean[0]"), e.getMessage());
    }
}
