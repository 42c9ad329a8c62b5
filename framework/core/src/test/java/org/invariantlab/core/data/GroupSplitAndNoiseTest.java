package org.invariantlab.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.data.RaggedGroups;
import org.junit.jupiter.api.Test;

class GroupSplitAndNoiseTest {

    /** {@code n} groups of 2 + g % 3 states; each value encodes its group. */
    private static RaggedGroups groups(int n) {
        List<double[]> values = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            double[] v = new double[2 * (2 + g % 3)];
            java.util.Arrays.fill(v, g);
            values.add(v);
            ids.add("traj" + g);
        }
        return new RaggedGroups(List.of("x", "y"), values, List.of(), ids);
    }

    @Test
    void everyGroupLandsInExactlyOneSplitDeterministically() {
        RaggedGroups all = groups(20);
        GroupSplit s = GroupSplit.split(all, 0.6, 0.2, 0.2, 11);
        assertEquals(12, s.train().groupCount());
        assertEquals(4, s.validation().groupCount());
        assertEquals(4, s.test().groupCount());
        Set<String> seen = new HashSet<>();
        for (RaggedGroups part : List.of(s.train(), s.validation(), s.test())) {
            for (int g = 0; g < part.groupCount(); g++) {
                assertTrue(seen.add(part.id(g)), "group " + part.id(g) + " in two splits");
                int original = Integer.parseInt(part.id(g).substring(4));
                assertEquals(original, part.state(g, 0)[0], 0.0, "states travel with their group");
                assertEquals(all.groupSize(original), part.groupSize(g));
            }
        }
        assertEquals(20, seen.size());
        assertEquals(s, GroupSplit.split(all, 0.6, 0.2, 0.2, 11));
        assertNotEquals(s.test().ids(), GroupSplit.split(all, 0.6, 0.2, 0.2, 12).test().ids());
    }

    @Test
    void smallDataGetOneGroupPerSplitAndTooFewAreRefused() {
        GroupSplit s = GroupSplit.split(groups(3), 0.8, 0.1, 0.1, 1);
        assertEquals(1, s.train().groupCount());
        assertEquals(1, s.validation().groupCount());
        assertEquals(1, s.test().groupCount());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GroupSplit.split(groups(2), 0.8, 0.1, 0.1, 1, "runs.csv"));
        assertEquals("runs.csv: too few groups to split: 2 groups, need at least 3 (one each for training, validation"
                + " and test); add groups or trajectories", e.getMessage());
        assertThrows(InvalidInputException.class, () -> GroupSplit.split(groups(10), 0.5, 0.2, 0.2, 1));
        assertThrows(InvalidInputException.class, () -> GroupSplit.split(groups(10), 1.0, 0.0, 0.0, 1));
    }

    @Test
    void noiseIsRelativeToEachVariablesSpreadAndSeeded() {
        int n = 4000;
        List<double[]> values = new ArrayList<>();
        java.util.Random r = new java.util.Random(5);
        for (int g = 0; g < n / 2; g++) {
            values.add(new double[] {r.nextGaussian(), 1000 * r.nextGaussian(), r.nextGaussian(), 1000 * r.nextGaussian()});
        }
        RaggedGroups clean = RaggedGroups.of(List.of("a", "b"), values);
        double[] spread = Noise.spread(clean);
        RaggedGroups noisy = Noise.add(clean, 0.1, 3);
        double[] sumSq = new double[2];
        for (int g = 0; g < clean.groupCount(); g++) {
            double[] c = clean.values(g);
            double[] d = noisy.values(g);
            for (int i = 0; i < c.length; i++) {
                sumSq[i % 2] += (d[i] - c[i]) * (d[i] - c[i]);
            }
        }
        for (int v = 0; v < 2; v++) {
            double sd = Math.sqrt(sumSq[v] / n);
            assertEquals(0.1 * spread[v], sd, 0.005 * spread[v], "noise sd of variable " + v);
        }
        assertEquals(noisy, Noise.add(clean, 0.1, 3));
        assertNotEquals(noisy, Noise.add(clean, 0.1, 4));
        assertSame(clean, Noise.add(clean, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Noise.add(clean, -0.1, 3));
    }
}
