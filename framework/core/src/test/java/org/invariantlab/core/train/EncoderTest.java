package org.invariantlab.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.system.ScalarField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncoderTest {

    private static final Standardization STANDARDIZATION =
            new Standardization(new double[] {1.0, -2.0, 0.5}, new double[] {2.0, 0.5, 3.0});

    private static double[] states(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[3 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = STANDARDIZATION.mean()[i % 3] + 1.5 * STANDARDIZATION.std()[i % 3] * (2 * rng.nextDouble() - 1);
        }
        return x;
    }

    private static Encoder encoder(String activation, String type) {
        return Encoder.create(new EncoderConfig(List.of(12, 10), activation, 2, "he", type), STANDARDIZATION, 17);
    }

    /**
     * {@code inputGradients} (DL4J back-propagation plus the chain rule through the standardisation) against
     * central differences of {@code latents} in the raw input, for every activation.
     */
    @ParameterizedTest
    @ValueSource(strings = {"swish", "tanh", "relu", "softplus", "sigmoid", "gelu", "mish"})
    void inputGradientsMatchCentralDifferences(String activation) {
        Encoder e = encoder(activation, "double");
        double[] x = states(20, 1);
        for (int out = 0; out < 2; out++) {
            double[] g = e.inputGradients(x, out);
            double h = 1e-6;
            for (int i = 0; i < x.length; i++) {
                double[] up = x.clone();
                double[] down = x.clone();
                up[i] += h;
                down[i] -= h;
                int row = i / 3;
                double fd = (e.latents(up)[row * 2 + out] - e.latents(down)[row * 2 + out]) / (2 * h);
                assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), activation + " output " + out + " value " + i);
            }
        }
    }

    /** The pointwise field agrees with the batch methods: to rounding in double, to float rounding in float. */
    @ParameterizedTest
    @ValueSource(strings = {"swish", "tanh", "relu", "softplus", "sigmoid", "gelu", "mish"})
    void fieldAgreesWithTheNetwork(String activation) {
        for (String type : new String[] {"double", "float"}) {
            Encoder e = encoder(activation, type);
            double tol = type.equals("double") ? 1e-12 : 2e-5;
            double[] x = states(15, 2);
            double[] z = e.latents(x);
            for (int out = 0; out < 2; out++) {
                ScalarField f = e.field(out);
                double[] g = e.inputGradients(x, out);
                for (int row = 0; row < 15; row++) {
                    double[] s = new double[] {x[3 * row], x[3 * row + 1], x[3 * row + 2]};
                    assertEquals(z[row * 2 + out], f.value(s), tol * Math.max(1, Math.abs(z[row * 2 + out])),
                            activation + " " + type + " value");
                    double[] fg = f.gradient(s);
                    for (int j = 0; j < 3; j++) {
                        assertEquals(g[row * 3 + j], fg[j], tol * 10 * Math.max(1, Math.abs(g[row * 3 + j])),
                                activation + " " + type + " gradient");
                    }
                }
            }
        }
    }

    @Test
    void fieldIsThreadSafe() {
        Encoder e = encoder("swish", "float");
        ScalarField f = e.field(1);
        double[] x = states(200, 3);
        double[] serial = IntStream.range(0, 200).mapToDouble(i -> f.value(new double[] {x[3 * i], x[3 * i + 1],
            x[3 * i + 2]})).toArray();
        double[] parallel = IntStream.range(0, 200).parallel().mapToDouble(i -> f.value(new double[] {x[3 * i],
            x[3 * i + 1], x[3 * i + 2]})).toArray();
        assertArrayEquals(serial, parallel, 0.0);
    }

    @Test
    void saveAndLoadRoundTripExactly(@TempDir Path dir) throws IOException {
        for (String type : new String[] {"float", "double"}) {
            Encoder e = encoder("swish", type);
            Path target = dir.resolve(type).resolve("encoder");
            e.save(target);
            e.save(target);
            try (Stream<Path> files = Files.list(target)) {
                assertEquals(List.of(Encoder.MODEL_FILE, Encoder.STANDARDIZATION_FILE),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
            Encoder loaded = Encoder.load(target);
            assertEquals(e.standardization(), loaded.standardization());
            assertEquals(type, loaded.dataType());
            assertEquals(3, loaded.inputSize());
            assertEquals(2, loaded.latentSize());
            assertArrayEquals(e.network().params().toDoubleVector(), loaded.network().params().toDoubleVector(), 0.0);
            double[] x = states(50, 4);
            assertArrayEquals(e.latents(x), loaded.latents(x), 0.0);
            assertArrayEquals(e.inputGradients(x, 1), loaded.inputGradients(x, 1), 0.0);
        }
    }

    @Test
    void loadExplainsMissingOrBrokenFiles(@TempDir Path dir) throws IOException {
        InvariantLabException e = assertThrows(InvariantLabException.class, () -> Encoder.load(dir));
        assertTrue(e.getMessage().contains(Encoder.MODEL_FILE), e.getMessage());
        encoder("swish", "float").save(dir);
        Files.writeString(dir.resolve(Encoder.STANDARDIZATION_FILE), "{\"mean\": [1, 2, 3]}");
        e = assertThrows(InvariantLabException.class, () -> Encoder.load(dir));
        assertTrue(e.getMessage().contains(Encoder.STANDARDIZATION_FILE), e.getMessage());
        Files.writeString(dir.resolve(Encoder.STANDARDIZATION_FILE), Standardization.identity(5).toJson());
        e = assertThrows(InvariantLabException.class, () -> Encoder.load(dir));
        assertTrue(e.getMessage().contains("5 inputs"), e.getMessage());
        Files.writeString(dir.resolve(Encoder.MODEL_FILE), "not a zip");
        e = assertThrows(InvariantLabException.class, () -> Encoder.load(dir));
        assertTrue(e.getMessage().contains(Encoder.MODEL_FILE), e.getMessage());
    }

    @Test
    void copyIsDeep() {
        Encoder e = encoder("swish", "double");
        double[] x = states(10, 5);
        Encoder c = e.copy();
        double[] before = c.latents(x);
        e.network().params().addi(0.5);
        assertArrayEquals(before, c.latents(x), 0.0);
        assertNotEquals(before[0], e.latents(x)[0]);
        assertFalse(c.network() == e.network());
    }

    @Test
    void sameSeedSameWeights() {
        assertArrayEquals(encoder("tanh", "float").network().params().toDoubleVector(),
                encoder("tanh", "float").network().params().toDoubleVector(), 0.0);
    }

    @Test
    void badArgumentsAreRejected() {
        Encoder e = encoder("swish", "float");
        assertThrows(IllegalArgumentException.class, () -> e.latents(new double[4]));
        assertThrows(IndexOutOfBoundsException.class, () -> e.field(2));
        assertThrows(IndexOutOfBoundsException.class, () -> e.inputGradients(new double[3], -1));
        assertThrows(IllegalArgumentException.class, () -> e.field(0).value(new double[2]));
        assertEquals(0, e.latents(new double[0]).length);
    }
}
