package org.invariantlab.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.core.provenance.ExtensionRef;
import org.invariantlab.core.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvGroupsReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private String refusal(Path file, CsvGroupsReader.Options options) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvGroupsReader.read(file, options));
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private String refusal(Path file) {
        return refusal(file, CsvGroupsReader.Options.defaults());
    }

    @Test
    void sampleOutputReadsBackWithTheSameValuesAndWithoutTheInvariantColumns() {
        GroupedData data = SampleExportTest.CIRCLES.sample(new SamplingRequest(4, 3, 7));
        Path csv = dir.resolve("circles.csv");
        Provenance p = Provenance.now("test", 7, List.of(new ExtensionRef("PhysicalSystem", "circles", "built-in", "0",
                Map.of())));
        SampleExport.write(SampleExportTest.CIRCLES, data, csv, p, false);

        RaggedGroups groups = CsvGroupsReader.read(csv, CsvGroupsReader.Options.defaults());
        assertEquals(List.of("x", "y"), groups.variables(), "the invariant column r is left out via the sidecar");
        assertEquals(data, groups.toRectangular());
        assertEquals(List.of("0", "1", "2", "3"), groups.ids());
        assertFalse(groups.hasTimes());
    }

    @Test
    void raggedNonContiguousGroupsWithTimesAreOrderedByTime() throws IOException {
        Path csv = write("traj.csv", """
                traj,t,label,q,p
                A,0.2,"x, y",1.5,2
                B,0,b,3,4
                A,0.1,a,1,-1

                B,1,b,5,6
                B,0.5,b,7,8
                """);
        CsvGroupsReader.Options options = new CsvGroupsReader.Options("traj", "t", List.of(), List.of("label"));
        RaggedGroups g = CsvGroupsReader.read(csv, options);
        assertEquals(List.of("q", "p"), g.variables());
        assertEquals(List.of("A", "B"), g.ids());
        assertArrayEquals(new double[] {1, -1, 1.5, 2}, g.values(0));
        assertArrayEquals(new double[] {3, 4, 7, 8, 5, 6}, g.values(1));
        assertArrayEquals(new double[] {0, 0.5, 1}, g.times(1));

        RaggedGroups chosen = CsvGroupsReader.read(csv, options.withVariables(List.of("p")));
        assertEquals(List.of("p"), chosen.variables());
        assertArrayEquals(new double[] {-1, 2}, chosen.values(0));
    }

    @Test
    void nanInfinityTextAndEmptyFieldsNameFileLineAndColumn() throws IOException {
        Path nan = write("nan.csv", "group,x,y\n0,1,2\n0,NaN,3\n");
        assertEquals(nan + ", line 3, column 'x': NaN is not a finite number; repair or remove the row", refusal(nan));
        Path inf = write("inf.csv", "group,x,y\n0,1,2\n0,3,-Infinity\n");
        assertTrue(refusal(inf).startsWith(inf + ", line 3, column 'y': -Infinity is not a finite number"));
        Path text = write("text.csv", "group,x,y\n0,1,2\n1,3,4\n1,abc,5\n");
        String m = refusal(text);
        assertTrue(m.startsWith(text + ", line 4, column 'x': 'abc' is not a number"), m);
        assertTrue(m.contains("--ignore"), m);
        Path empty = write("blank.csv", "group,x,y\n0,1,\n");
        assertTrue(refusal(empty).startsWith(empty + ", line 2, column 'y': empty field"));
        Path ragged = write("fields.csv", "group,x,y\n0,1,2,3\n");
        assertTrue(refusal(ragged).startsWith(ragged + ", line 2: 4 fields for 3 columns"));
    }

    @Test
    void missingAndDuplicatedColumnsAreRefused() throws IOException {
        Path noGroup = write("nogroup.csv", "traj,x,y\n0,1,2\n");
        String m = refusal(noGroup);
        assertTrue(m.startsWith(noGroup + ", line 1: no column 'group' (the group or trajectory id)"), m);
        assertTrue(m.contains("--group-column"), m);
        Path dup = write("dup.csv", "group,x,x\n0,1,2\n");
        assertEquals(dup + ", line 1, column 'x': the column appears twice in the header; rename or remove one",
                refusal(dup));
        Path ok = write("ok.csv", "group,x,y\n0,1,2\n0,3,4\n");
        assertTrue(refusal(ok, CsvGroupsReader.Options.defaults().withTimeColumn("time"))
                .startsWith(ok + ", line 1: no column 'time' (the time stamps)"));
        assertTrue(refusal(ok, CsvGroupsReader.Options.defaults().withVariables(List.of("x", "z")))
                .startsWith(ok + ", line 1: no column 'z' (a variable)"));
        Path badName = write("name.csv", "group,x-1,y\n0,1,2\n0,3,4\n");
        assertTrue(refusal(badName).startsWith(badName + ", line 1, column 'x-1': not a plain variable name"));
    }

    @Test
    void groupsOfOneStateAndEmptyFilesAreRefused() throws IOException {
        Path single = write("single.csv", "group,x\na,1\nb,2\na,3\n");
        String m = refusal(single);
        assertTrue(m.startsWith(single + ", line 3, column 'group': group 'b' has only one state"), m);
        Path empty = write("empty.csv", "");
        assertTrue(refusal(empty).startsWith(empty + ": empty file"));
        Path header = write("header.csv", "group,x,y\n\n");
        assertTrue(refusal(header).startsWith(header + ": no data rows after the header"));
        Path open = write("quote.csv", "group,x\n\"a,1\n");
        assertTrue(refusal(open).startsWith(open + ", line 2: a quoted field is not closed"));
    }

    @Test
    void aFileBeyondTheMemoryBudgetIsRefusedBeforeReading() throws IOException {
        Path csv = write("big.csv", "group,x\n" + "0,1.2345\n".repeat(200));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CsvGroupsReader.read(csv, CsvGroupsReader.Options.defaults(), 1000));
        assertTrue(e.getMessage().startsWith(csv + ": too large for memory"), e.getMessage());
        assertEquals(200, CsvGroupsReader.read(csv, CsvGroupsReader.Options.defaults(), 1 << 20).size());
    }

    @Test
    void fieldsHandleQuotesMinimally() {
        assertEquals(List.of("a", "b,c", "d\"e", ""), CsvGroupsReader.fields("a, \"b,c\",\"d\"\"e\","));
    }
}
