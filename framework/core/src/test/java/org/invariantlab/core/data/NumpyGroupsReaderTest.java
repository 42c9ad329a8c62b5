package org.invariantlab.core.data;

import static org.invariantlab.core.data.NpyBytes.npy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.data.RaggedGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumpyGroupsReaderTest {

    @TempDir
    Path dir;

    /** 3 groups × 2 states × 2 variables: value = 100·g + 10·m + v. */
    private static final double[] VALUES = {0, 1, 10, 11, 100, 101, 110, 111, 200, 201, 210, 211};
    private static final long[] SHAPE = {3, 2, 2};

    private Path file(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private String refusal(Path file, NumpyGroupsReader.Options options) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NumpyGroupsReader.read(file, options));
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        return e.getMessage();
    }

    private String refusal(Path file) {
        return refusal(file, NumpyGroupsReader.Options.defaults());
    }

    @Test
    void readsEveryNumberTypeInCOrder() throws IOException {
        for (String type : List.of("<f8", "<f4", "<i8", "<i4")) {
            RaggedGroups g = NumpyGroupsReader.read(file("a" + type.substring(1) + ".npy", npy(type, false, SHAPE, VALUES)),
                    NumpyGroupsReader.Options.defaults());
            assertEquals(List.of("x0", "x1"), g.variables(), type);
            assertEquals(3, g.groupCount());
            assertArrayEquals(new double[] {110, 111}, g.state(1, 1), type);
        }
    }

    @Test
    void npzChoosesTheThreeDimensionalArrayAndTimesStoredOrDeflated() throws IOException {
        for (boolean deflated : new boolean[] {false, true}) {
            Map<String, byte[]> arrays = new LinkedHashMap<>();
            arrays.put("mass", npy(new long[] {3}, new double[] {1, 2, 3}));
            arrays.put("traj", npy(SHAPE, VALUES));
            arrays.put("t", npy(new long[] {2}, new double[] {0, 0.1}));
            Path f = dir.resolve("d" + deflated + ".npz");
            NpyBytes.npz(f, arrays, deflated);
            RaggedGroups g = NumpyGroupsReader.read(f, NumpyGroupsReader.Options.defaults().withVariables(List.of("q", "p")));
            assertEquals(List.of("q", "p"), g.variables());
            assertArrayEquals(new double[] {200, 201, 210, 211}, g.values(2));
            assertArrayEquals(new double[] {0, 0.1}, g.times(2));
        }
        Map<String, byte[]> perGroup = new LinkedHashMap<>();
        perGroup.put("x", npy(SHAPE, VALUES));
        perGroup.put("times", npy(new long[] {3, 2}, new double[] {0, 1, 0, 2, 0, 3}));
        Path f = dir.resolve("pergroup.npz");
        NpyBytes.npz(f, perGroup, true);
        assertArrayEquals(new double[] {0, 3}, NumpyGroupsReader.read(f, NumpyGroupsReader.Options.defaults()).times(2));
    }

    @Test
    void npyWithASeparateTimesFile() throws IOException {
        Path states = file("s.npy", npy(SHAPE, VALUES));
        Path times = file("t.npy", npy(new long[] {2}, new double[] {0, 0.5}));
        RaggedGroups g = NumpyGroupsReader.read(states, new NumpyGroupsReader.Options(List.of(), null, null, times));
        assertArrayEquals(new double[] {0, 0.5}, g.times(0));
        Path wrong = file("w.npy", npy(new long[] {3}, new double[] {0, 1, 2}));
        assertTrue(refusal(states, new NumpyGroupsReader.Options(List.of(), null, null, wrong))
                .startsWith(wrong + ": the time stamps have shape (3); expected [2] or [3, 2]"));
    }

    @Test
    void badValuesAndShapesNameFileGroupStateAndVariable() throws IOException {
        double[] bad = VALUES.clone();
        bad[7] = Double.NaN;
        Path nan = file("nan.npy", npy(SHAPE, bad));
        String m = refusal(nan, NumpyGroupsReader.Options.defaults().withVariables(List.of("q", "p")));
        assertTrue(m.startsWith(nan + ": NaN at group 1, state 1, variable p;"), m);
        bad[7] = Double.POSITIVE_INFINITY;
        Path inf = file("inf.npy", npy(SHAPE, bad));
        assertTrue(refusal(inf).startsWith(inf + ": Infinity at group 1, state 1, variable x1;"));
        Path flat = file("flat.npy", npy(new long[] {6, 2}, VALUES));
        assertTrue(refusal(flat).startsWith(flat + ": the states have shape (6, 2); expected [groups, states, variables]"));
        Path one = file("one.npy", npy(new long[] {6, 1, 2}, VALUES));
        assertTrue(refusal(one).startsWith(one + ": groups of one state (shape (6, 1, 2))"));
        Path names = file("names.npy", npy(SHAPE, VALUES));
        assertTrue(refusal(names, NumpyGroupsReader.Options.defaults().withVariables(List.of("a", "b", "c")))
                .startsWith(names + ": 3 variable names [a, b, c] for 2 variables"));
    }

    @Test
    void unsupportedFormatsAreRefusedWithAHint() throws IOException {
        Path big = file("big.npy", npy(">f8", false, SHAPE, VALUES));
        assertTrue(refusal(big).contains("big-endian numbers (>f8) are not supported; save with array.astype('<f8')"));
        byte[] object = npy("<f8", false, SHAPE, VALUES);
        String header = new String(object, 10, 60, java.nio.charset.StandardCharsets.ISO_8859_1).replace("<f8", "|O8");
        System.arraycopy(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, object, 10, 60);
        assertTrue(refusal(file("obj.npy", object)).contains("arrays of type |O8 are not supported"));
        Path fortran = file("fortran.npy", npy("<f8", true, SHAPE, VALUES));
        assertTrue(refusal(fortran).contains("Fortran order are not supported"));
        Path empty = file("empty.npy", new byte[0]);
        assertEquals(empty + ": empty file; save the array with numpy.save", refusal(empty));
        Path text = file("text.npy", "group,x\n0,1\n".getBytes());
        assertTrue(refusal(text).contains("not a NumPy .npy array"));
        byte[] full = npy(SHAPE, VALUES);
        Path cut = file("cut.npy", Arrays.copyOf(full, full.length - 8));
        assertTrue(refusal(cut).startsWith(cut + ": the file is truncated"));
        Map<String, byte[]> two = new LinkedHashMap<>();
        two.put("a", npy(SHAPE, VALUES));
        two.put("b", npy(SHAPE, VALUES));
        Path ambiguous = dir.resolve("two.npz");
        NpyBytes.npz(ambiguous, two, true);
        assertTrue(refusal(ambiguous).contains("--states-array"));
        assertEquals(3, NumpyGroupsReader.read(ambiguous, new NumpyGroupsReader.Options(List.of(), "b", null, null))
                .groupCount());
    }

    @Test
    void aHugeShapeIsRefusedFromTheHeaderBeforeReading() throws IOException {
        Path huge = file("huge.npy", npy(new long[] {1_000_000, 1000, 10}, new double[0]));
        String m = refusal(huge);
        assertTrue(m.startsWith(huge + ": too large for memory: reading it needs about 240.0 GB"), m);
    }
}
