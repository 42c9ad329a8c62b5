package org.invariantlab.core.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.io.AtomicFiles;
import org.invariantlab.core.provenance.Provenance;

/**
 * Writes sampled groups as CSV, one state per row: {@code group, member, <variables…>, <true invariants…>},
 * numbers in shortest round-trip form so that reading them back gives the same doubles. The provenance goes
 * to a JSON sidecar {@code <file>.provenance.json} so that the CSV stays plain for any reader.
 */
public final class SampleExport {

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
        AtomicFiles.checkWritable(csv, overwrite);
        AtomicFiles.checkWritable(meta, overwrite);
        List<TrueInvariant> invariants = model.invariants();
        AtomicFiles.write(csv, out -> writeCsv(out, data, invariants), overwrite);
        try {
            String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(provenance);
            AtomicFiles.writeString(meta, json + "\n", overwrite);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeCsv(Writer out, GroupedData data, List<TrueInvariant> invariants) throws IOException {
        StringBuilder header = new StringBuilder("group,member");
        data.variables().forEach(v -> header.append(',').append(v));
        invariants.forEach(i -> header.append(',').append(i.name()));
        out.write(header.append('\n').toString());
        StringBuilder row = new StringBuilder();
        for (int g = 0; g < data.groups(); g++) {
            for (int m = 0; m < data.perGroup(); m++) {
                double[] x = data.state(g, m);
                row.setLength(0);
                row.append(g).append(',').append(m);
                for (double v : x) {
                    row.append(',').append(v);
                }
                for (TrueInvariant inv : invariants) {
                    row.append(',').append(inv.value(x));
                }
                out.write(row.append('\n').toString());
            }
        }
    }
}
