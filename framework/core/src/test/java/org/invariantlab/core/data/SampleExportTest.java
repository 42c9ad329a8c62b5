package org.invariantlab.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.provenance.ExtensionRef;
import org.invariantlab.core.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleExportTest {

    @TempDir
    Path dir;

    /** Radius r = sqrt(x² + y²), invariant under rotations. */
    private static final TrueInvariant RADIUS = new TrueInvariant("r", "Sqrt(x^2+y^2)", "radius", new ScalarField() {
        @Override
        public double value(double[] x) {
            return Math.hypot(x[0], x[1]);
        }

        @Override
        public double[] gradient(double[] x) {
            double r = value(x);
            return new double[] {x[0] / r, x[1] / r};
        }
    });

    static final SystemModel CIRCLES = new SystemModel() {
        @Override
        public StateSpace stateSpace() {
            return StateSpace.of("x", "y");
        }

        @Override
        public GroupedData sample(SamplingRequest request) {
            java.util.SplittableRandom rng = new java.util.SplittableRandom(request.seed());
            double[] v = new double[request.groups() * request.perGroup() * 2];
            for (int g = 0, k = 0; g < request.groups(); g++) {
                double r = 0.5 + rng.nextDouble();
                for (int m = 0; m < request.perGroup(); m++) {
                    double phi = 2 * Math.PI * rng.nextDouble();
                    v[k++] = r * Math.cos(phi);
                    v[k++] = r * Math.sin(phi);
                }
            }
            return new GroupedData(List.of("x", "y"), request.groups(), request.perGroup(), v);
        }

        @Override
        public List<TrueInvariant> invariants() {
            return List.of(RADIUS);
        }
    };

    @Test
    void csvRoundTripsEveryDoubleAndCarriesProvenance() throws IOException {
        GroupedData data = CIRCLES.sample(new SamplingRequest(3, 4, 42));
        Path csv = dir.resolve("circles.csv");
        Provenance p = Provenance.now("test", 42, List.of(new ExtensionRef("PhysicalSystem", "circles", "built-in", "0", Map.of())));
        SampleExport.write(CIRCLES, data, csv, p, false);

        List<String> lines = Files.readAllLines(csv);
        assertEquals("group,member,x,y,r", lines.get(0));
        assertEquals(1 + 12, lines.size());
        for (int row = 0; row < 12; row++) {
            String[] f = lines.get(row + 1).split(",");
            double[] state = data.state(row / 4, row % 4);
            assertEquals(row / 4, Integer.parseInt(f[0]));
            assertEquals(state[0], Double.parseDouble(f[2]), 0.0, "x round-trips exactly");
            assertEquals(state[1], Double.parseDouble(f[3]), 0.0, "y round-trips exactly");
            assertEquals(RADIUS.value(state), Double.parseDouble(f[4]), 0.0);
        }
        String meta = Files.readString(SampleExport.provenancePath(csv));
        assertTrue(meta.contains("\"seed\" : 42") && meta.contains("\"circles\""), meta);
    }
}
