package org.invariantlab.api.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void groupedDataIsIndexedGroupMemberVariableAndImmutable() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        GroupedData g = new GroupedData(List.of("a", "b"), 3, 2, v);
        v[0] = 99;
        assertArrayEquals(new double[] {7, 8}, g.state(1, 1));
        assertEquals(1.0, g.values()[0], "input array was copied");
        g.values()[1] = 42;
        assertEquals(2.0, g.state(0, 0)[1], "output array is a copy");
        assertEquals(6, g.size());
        assertEquals(g, new GroupedData(List.of("a", "b"), 3, 2, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
        assertNotEquals(g, new GroupedData(List.of("a", "b"), 2, 3, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
    }

    @Test
    void groupedDataRejectsNonFiniteValuesNamingWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GroupedData(List.of("x", "vx"), 2, 1, new double[] {0, 1, Double.NaN, 3}));
        assertTrue(e.getMessage().contains("group 1") && e.getMessage().contains("variable x"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GroupedData(List.of("x"), 2, 2, new double[3]));
    }

    @Test
    void samplingRequestValidates() {
        assertThrows(IllegalArgumentException.class, () -> new SamplingRequest(0, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new SamplingRequest(2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SamplingRequest(Integer.MAX_VALUE, 2, 1));
    }

    @Test
    void stateSpaceChecksNamesAndCanonicalIndices() {
        assertThrows(IllegalArgumentException.class, () -> StateSpace.of("x", "x"));
        assertThrows(IllegalArgumentException.class, () -> StateSpace.of("v_x"));
        assertThrows(IllegalArgumentException.class, () -> new StateSpace(List.of("x", "p"),
                Optional.of(new CanonicalLayout(List.of(0), List.of(2)))));
        assertEquals(1, StateSpace.of("x", "y").indexOf("y"));
    }

    @Test
    void poissonBracketOfPositionAndMomentumIsOne() {
        // {q, p} = 1 and {p, q} = -1 for one degree of freedom; exact in floating point
        CanonicalLayout c = new CanonicalLayout(List.of(0), List.of(1));
        double[] dq = {1, 0};
        double[] dp = {0, 1};
        assertEquals(1.0, c.poissonBracket(dq, dp));
        assertEquals(-1.0, c.poissonBracket(dp, dq));
        // {L, H} = 0 for L = x py - y px, H = (px^2+py^2)/2 + (x^2+y^2)/2 at an arbitrary point
        CanonicalLayout c2 = new CanonicalLayout(List.of(0, 1), List.of(2, 3));
        double x = 0.3;
        double y = -1.2;
        double px = 0.7;
        double py = 0.4;
        double[] gradL = {py, -px, -y, x};
        double[] gradH = {x, y, px, py};
        assertEquals(0.0, c2.poissonBracket(gradL, gradH), 1e-15);
    }
}
