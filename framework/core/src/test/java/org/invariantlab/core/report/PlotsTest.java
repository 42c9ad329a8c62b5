package org.invariantlab.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.invariantlab.api.InvariantLabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @TempDir
    Path dir;

    private static double[] latentAndInvariant(double[] invariant) {
        SplittableRandom rng = new SplittableRandom(3);
        double[] latent = new double[invariant.length];
        for (int i = 0; i < invariant.length; i++) {
            invariant[i] = 4 * rng.nextDouble() - 2;
            latent[i] = Math.tanh(invariant[i]) + 0.02 * (rng.nextDouble() - 0.5);
        }
        return latent;
    }

    private static BufferedImage read(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is not a readable image");
        return image;
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void scatterWritesAPng() throws IOException {
        double[] invariant = new double[12_000];
        double[] latent = latentAndInvariant(invariant);
        latent[0] = Double.NaN;
        Path png = dir.resolve("figures/latent-vs-s2.png");
        Plots.scatter(png, "learned latent against s2", "s2", invariant, "latent f", latent, false);
        BufferedImage image = read(png);
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void trainingCurvesHaveALossAndAnAccuracyPanel() throws IOException {
        int[] epochs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        Map<String, double[]> loss = new LinkedHashMap<>();
        Map<String, double[]> accuracy = new LinkedHashMap<>();
        double[] train = new double[10];
        double[] test = new double[10];
        double[] trainAcc = new double[10];
        double[] testAcc = new double[10];
        for (int i = 0; i < 10; i++) {
            train[i] = 0.7 * Math.exp(-0.5 * i);
            test[i] = 0.75 * Math.exp(-0.45 * i);
            trainAcc[i] = 1 - 0.5 * Math.exp(-0.6 * i);
            testAcc[i] = 1 - 0.52 * Math.exp(-0.55 * i);
        }
        test[3] = Double.NaN;
        loss.put("train", train);
        loss.put("test", test);
        accuracy.put("train", trainAcc);
        accuracy.put("test", testAcc);
        Path both = dir.resolve("curves.png");
        Plots.trainingCurves(both, "kepler, distance-logistic", epochs, loss, accuracy, false);
        BufferedImage image = read(both);
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(2 * Plots.HEIGHT, image.getHeight());
        Path lossOnly = dir.resolve("loss.png");
        Plots.trainingCurves(lossOnly, "ha-jeong", epochs, Map.of("train", train), Map.of(), false);
        assertEquals(Plots.HEIGHT, read(lossOnly).getHeight());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void anExistingFileIsReplacedOnlyWhenAsked() throws IOException {
        Path png = dir.resolve("latent.png");
        Files.writeString(png, "keep me");
        double[] x = {0, 1, 2};
        double[] y = {1, 0, 1};
        InvariantLabException e = assertThrows(InvariantLabException.class,
                () -> Plots.scatter(png, "t", "x", x, "y", y, false));
        assertEquals(png + " already exists; choose another output or pass --force to replace it", e.getMessage());
        assertArrayEquals("keep me".getBytes(), Files.readAllBytes(png));
        assertThrows(InvariantLabException.class,
                () -> Plots.trainingCurves(png, "t", new int[] {1}, Map.of("l", new double[] {1}), Map.of(), false));
        Plots.scatter(png, "t", "x", x, "y", y, true);
        assertEquals(Plots.WIDTH, read(png).getWidth());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void inconsistentInputIsRefused() {
        Path png = dir.resolve("bad.png");
        assertThrows(IllegalArgumentException.class,
                () -> Plots.scatter(png, "t", "x", new double[2], "y", new double[3], false));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.scatter(png, "t", "x", new double[] {Double.NaN}, "y", new double[] {1}, false));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.trainingCurves(png, "t", new int[] {1, 2}, Map.of("l", new double[] {1}), Map.of(), false));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.trainingCurves(png, "t", new int[] {1}, Map.of(), Map.of(), false));
        assertTrue(Files.notExists(png));
    }

    @Test
    void headlessUnlessConfigured() {
        assertEquals("true", System.getProperty("java.awt.headless"));
    }
}
