package org.invariantlab.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invariantlab.api.system.GroupedData;
import org.junit.jupiter.api.Test;

class RaggedGroupsTest {

    private static final List<String> XY = List.of("x", "y");

    @Test
    void raggedGroupsKeepSizesIdsAndTimes() {
        RaggedGroups g = new RaggedGroups(XY, List.of(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8, 9, 10}),
                List.of(new double[] {0, 1}, new double[] {0, 0.5, 1}), List.of("a", "b"));
        assertEquals(2, g.groupCount());
        assertEquals(5, g.size());
        assertEquals(2, g.groupSize(0));
        assertEquals(3, g.groupSize(1));
        assertFalse(g.isRectangular());
        assertArrayEquals(new double[] {9, 10}, g.state(1, 2));
        assertArrayEquals(new double[] {0, 0.5, 1}, g.times(1));
        assertEquals("b", g.id(1));
        assertThrows(IllegalStateException.class, g::toRectangular);
        assertEquals("RaggedGroups[2 groups of 2 to 3 states of [x, y], with times]", g.toString());
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[] a = {1, 2, 3, 4};
        RaggedGroups g = RaggedGroups.of(XY, List.of(a));
        a[0] = 99;
        assertEquals(1.0, g.state(0, 0)[0]);
        g.values().get(0)[0] = 99;
        g.values(0)[0] = 99;
        assertEquals(1.0, g.state(0, 0)[0]);
    }

    @Test
    void rectangularDataConvertBothWays() {
        GroupedData data = new GroupedData(XY, 3, 2, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        RaggedGroups g = RaggedGroups.of(data);
        assertEquals(List.of("0", "1", "2"), g.ids());
        assertArrayEquals(new double[] {7, 8}, g.state(1, 1));
        assertEquals(data, g.toRectangular());
        RaggedGroups picked = g.select(new int[] {2, 0});
        assertEquals(List.of("2", "0"), picked.ids());
        assertArrayEquals(new double[] {9, 10}, picked.state(0, 0));
    }

    @Test
    void badShapesAndValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RaggedGroups.of(XY, List.of(new double[] {1, 2, 3})));
        assertThrows(IllegalArgumentException.class, () -> RaggedGroups.of(XY, List.of(new double[0])));
        assertThrows(IllegalArgumentException.class, () -> RaggedGroups.of(XY, List.of()));
        assertThrows(IllegalArgumentException.class, () -> RaggedGroups.of(List.of("x", "x"), List.of(new double[] {1, 2})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RaggedGroups.of(XY, List.of(new double[] {1, 2, 3, Double.NaN})));
        assertTrue(e.getMessage().contains("group 0, state 1, variable y"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RaggedGroups(XY, List.of(new double[] {1, 2, 3, 4}),
                List.of(new double[] {0}), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RaggedGroups(XY,
                List.of(new double[] {1, 2}, new double[] {3, 4}), List.of(), List.of("a", "a")));
    }
}
