package org.invariantlab.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.io.AtomicFiles;
import org.invariantlab.core.io.Json;
import org.invariantlab.core.provenance.Provenance;

/**
 * Writes sampled groups as CSV, one state per row: {@code group, member, <variables…>, <true invariants…>},
 * numbers in shortest round-trip form so that reading them back gives the same doubles. The provenance goes
 * to a JSON sidecar {@code <file>.provenance.json} so that the CSV stays plain for any reader; the sidecar also
 * lists which columns are variables and which are true invariants.
 */
public final class SampleExport {

    /** How every sample CSV of groups begins. */
    public static final String HEADER_START = "group,member";

    /** How every sample CSV of trajectories begins: the columns {@code count --data} is pointed at. */
    public static final String TRAJECTORY_HEADER_START = "trajectory,t";

    private SampleExport() {
    }

    /** The sidecar path for a CSV file. */
    public static Path provenancePath(Path csv) {
        return csv.resolveSibling(csv.getFileName() + ".provenance.json");
    }

    /**
     * Writes {@code data} with the invariants of {@code model} to {@code csv} and the provenance beside it.
     * Both files are written atomically; existing files are replaced only when {@code overwrite} is set.
     */
    public static void write(SystemModel model, GroupedData data, Path csv, Provenance provenance, boolean overwrite) {
        Path meta = provenancePath(csv);
        checkTarget(csv, overwrite);
        List<TrueInvariant> invariants = model.invariants();
        AtomicFiles.write(csv, out -> writeCsv(out, data, invariants), overwrite);
        AtomicFiles.writeString(meta, sidecar(provenance, data, invariants), overwrite);
    }

    /**
     * Writes trajectories: {@code trajectory, t, <variables…>, <true invariants…>}, one row per state, and the
     * provenance beside them, as {@link #write} does for groups.
     */
    public static void writeTrajectories(SystemModel model, TrajectorySample data, Path csv, Provenance provenance,
                                         boolean overwrite) {
        Path meta = provenancePath(csv);
        checkTarget(csv, overwrite);
        List<TrueInvariant> invariants = model.invariants();
        AtomicFiles.write(csv, out -> {
            out.write(header(TRAJECTORY_HEADER_START, data.variables(), invariants));
            for (int g = 0; g < data.trajectories(); g++) {
                for (int k = 0; k < data.times().length; k++) {
                    out.write(row(g, String.valueOf(data.times()[k]), data.state(g, k), invariants));
                }
            }
        }, overwrite);
        AtomicFiles.writeString(meta, sidecar(provenance, data.variables(), invariants), overwrite);
    }

    /**
     * The sidecar: the provenance, then the CSV's {@code variableColumns} and {@code invariantColumns}, so that
     * reading the CSV back ({@link CsvGroupsReader}) takes the variables and leaves the invariants out.
     */
    static String sidecar(Provenance provenance, GroupedData data, List<TrueInvariant> invariants) {
        return sidecar(provenance, data.variables(), invariants);
    }

    private static String sidecar(Provenance provenance, List<String> variableNames, List<TrueInvariant> invariants) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            ObjectNode node = (ObjectNode) mapper.readTree(Json.write(provenance));
            ArrayNode variables = node.putArray("variableColumns");
            variableNames.forEach(variables::add);
            ArrayNode names = node.putArray(CsvGroupsReader.INVARIANT_COLUMNS);
            invariants.forEach(i -> names.add(i.name()));
            return mapper.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Checks, before any sampling, that {@code csv} and its sidecar can be written: not a directory, a folder
     * that exists and is writable, and no existing file unless {@code overwrite}; even then only an earlier
     * sample export (a CSV starting with {@value #HEADER_START}, a sidecar holding a provenance record) is
     * replaced, never another file.
     *
     * @throws InvariantLabException naming the problem and how to proceed
     */
    public static void checkTarget(Path csv, boolean overwrite) {
        Path meta = provenancePath(csv);
        AtomicFiles.checkNewFile(csv, overwrite);
        AtomicFiles.checkNewFile(meta, overwrite);
        if (Files.exists(csv) && !startsWith(csv, HEADER_START) && !startsWith(csv, TRAJECTORY_HEADER_START)) {
            throw new InvariantLabException(csv + " is not a sample written by InvariantLab (it does not start with '"
                    + HEADER_START + "' or '" + TRAJECTORY_HEADER_START + "'); --force only replaces earlier samples, "
                    + "so choose another --out");
        }
        if (Files.exists(meta) && !contains(meta, "\"invariantlabVersion\"")) {
            throw new InvariantLabException(meta + " is not a provenance file written by InvariantLab; --force only"
                    + " replaces earlier samples, so choose another --out");
        }
    }

    private static boolean startsWith(Path file, String prefix) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] head = new char[prefix.length()];
            int n = r.read(head);
            return n == head.length && new String(head).equals(prefix);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.size(file) < 1_000_000 && Files.readString(file).contains(text);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static void writeCsv(Writer out, GroupedData data, List<TrueInvariant> invariants) throws IOException {
        out.write(header(HEADER_START, data.variables(), invariants));
        for (int g = 0; g < data.groups(); g++) {
            for (int m = 0; m < data.perGroup(); m++) {
                out.write(row(g, String.valueOf(m), data.state(g, m), invariants));
            }
        }
    }

    /** The header line: {@code start}, the variables, the invariants' names. */
    private static String header(String start, List<String> variables, List<TrueInvariant> invariants) {
        StringBuilder header = new StringBuilder(start);
        variables.forEach(v -> header.append(',').append(v));
        invariants.forEach(i -> header.append(',').append(i.name()));
        return header.append('\n').toString();
    }

    /** One state's line: its group, its member or time, its variables, the invariants' values at it. */
    private static String row(int group, String second, double[] x, List<TrueInvariant> invariants) {
        StringBuilder row = new StringBuilder().append(group).append(',').append(second);
        for (double v : x) {
            row.append(',').append(v);
        }
        for (TrueInvariant inv : invariants) {
            row.append(',').append(inv.value(x.clone()));
        }
        return row.append('\n').toString();
    }
}
