package org.invariantlab.core.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.invariantlab.core.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG figures of a run, drawn with XChart without a display: the learned latent against the matched true
 * invariant, and the training curves.
 *
 * <p>Loading this class sets {@code java.awt.headless=true} unless the property is already set. Every PNG
 * is rendered in memory, written to a hidden temporary file next to the target and moved into place, so a
 * figure is complete or absent; an existing file is replaced only when {@code overwrite} is true
 * ({@link AtomicFiles#checkWritable}). Non-finite values are left out of every plot.
 */
public final class Plots {

    /** Width of a figure in pixels. */
    public static final int WIDTH = 800;

    /** Height of the scatter plot, and of each panel of the training curves, in pixels. */
    public static final int HEIGHT = 560;

    /** At most this many points are drawn in a scatter plot (evenly spaced ones, if there are more). */
    public static final int MAX_SCATTER_POINTS = 5000;

    /** Curves with at most this many epochs get a marker on every value; longer ones are plain lines. */
    private static final int MAX_MARKED_EPOCHS = 60;

    /** Name of the invisible series that steers XChart's tick placement; starts with NUL, so no caller uses it. */
    private static final String ANCHOR_SERIES = "\u0000anchor";

    /** Attempts at a fresh temporary file name before giving up. */

    private static final Color SCATTER_COLOR = new Color(31, 119, 180, 110);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /**
     * A scatter plot of {@code y} against {@code x} (for example the learned latent against the matched
     * invariant, where a curve rather than a cloud shows that one is a function of the other). Points with
     * a non-finite coordinate are dropped; if more than {@value #MAX_SCATTER_POINTS} remain, evenly spaced
     * ones are drawn, so the figure is deterministic.
     *
     * @param png       the file to write
     * @param title     figure title
     * @param xLabel    label of the x axis
     * @param x         x coordinates
     * @param yLabel    label of the y axis
     * @param y         y coordinates, as many as {@code x}
     * @param overwrite whether an existing file may be replaced
     * @throws IllegalArgumentException if the arrays differ in length or no finite point is left
     * @throws org.invariantlab.api.InvariantLabException if {@code png} exists and {@code overwrite} is false
     */
    public static void scatter(Path png, String title, String xLabel, double[] x, String yLabel, double[] y,
                               boolean overwrite) {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
        AtomicFiles.checkWritable(png, overwrite);
        int[] finite = new int[x.length];
        int count = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                finite[count++] = i;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("no finite point to plot in '" + title + "'");
        }
        int shown = Math.min(count, MAX_SCATTER_POINTS);
        double[] xs = new double[shown];
        double[] ys = new double[shown];
        for (int j = 0; j < shown; j++) {
            int i = finite[(int) ((long) j * count / shown)];
            xs[j] = x[i];
            ys[j] = y[i];
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(label(title))
                .xAxisTitle(label(xLabel)).yAxisTitle(label(yLabel)).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        String name = shown < count ? shown + " of " + count + " points" : count + " points";
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(SCATTER_COLOR);
        write(png, List.of(chart), overwrite);
    }

    /**
     * Training curves as one PNG with two panels, stacked: the losses on top (logarithmic axis when every
     * value is positive, so late progress stays visible), the pair accuracies below (axis fixed to
     * {@code [0, 1]} when every value is a fraction). Each map entry is one line, named in the legend (e.g.
     * {@code train}, {@code test}); methods without an accuracy pass an empty map and get the loss panel
     * only.
     *
     * @param png            the file to write
     * @param title          title of the figure (shown above the loss panel)
     * @param epochs         the epoch of each value (the x axis), shared by all series
     * @param lossSeries     name to loss per epoch, at least one series
     * @param accuracySeries name to accuracy per epoch; may be empty
     * @param overwrite      whether an existing file may be replaced
     * @throws IllegalArgumentException if a series' length differs from {@code epochs}, or a panel has no
     *                                  finite value
     * @throws org.invariantlab.api.InvariantLabException if {@code png} exists and {@code overwrite} is false
     */
    public static void trainingCurves(Path png, String title, int[] epochs, Map<String, double[]> lossSeries,
                                      Map<String, double[]> accuracySeries, boolean overwrite) {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(lossSeries, "lossSeries");
        Objects.requireNonNull(accuracySeries, "accuracySeries");
        if (lossSeries.isEmpty()) {
            throw new IllegalArgumentException("no loss series to plot in '" + title + "'");
        }
        AtomicFiles.checkWritable(png, overwrite);
        List<XYChart> panels = new ArrayList<>(2);
        panels.add(curves(label(title), "epoch", "loss", epochs, lossSeries, true));
        if (!accuracySeries.isEmpty()) {
            panels.add(curves("pair accuracy", "epoch", "accuracy", epochs, accuracySeries, false));
        }
        write(png, panels, overwrite);
    }

    /**
     * Values against an integer axis (e.g. a loss per stage {@code k}, or a singular-value spectrum), one panel,
     * logarithmic when every value is positive and {@code logIfPositive}.
     *
     * @throws IllegalArgumentException if a series' length differs from {@code x}, or no value is finite
     */
    public static void series(Path png, String title, String xLabel, int[] x, String yLabel, Map<String, double[]> values,
                              boolean logIfPositive, boolean overwrite) {
        Objects.requireNonNull(png, "png");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no series to plot in '" + title + "'");
        }
        AtomicFiles.checkWritable(png, overwrite);
        write(png, List.of(curves(label(title), xLabel, yLabel, x, values, logIfPositive)), overwrite);
    }

    private static XYChart curves(String title, String xLabel, String yLabel, int[] epochs,
                                  Map<String, double[]> series, boolean logIfPositive) {
        Map<String, double[][]> finite = new LinkedHashMap<>();
        boolean allPositive = true;
        boolean allFractions = true;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] values = Objects.requireNonNull(e.getValue(), e.getKey());
            if (values.length != epochs.length) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has " + values.length + " values for "
                        + epochs.length + " epochs");
            }
            int count = 0;
            for (double v : values) {
                count += Double.isFinite(v) ? 1 : 0;
            }
            if (count == 0) {
                continue;
            }
            double[] xs = new double[count];
            double[] ys = new double[count];
            int j = 0;
            for (int i = 0; i < values.length; i++) {
                if (Double.isFinite(values[i])) {
                    xs[j] = epochs[i];
                    ys[j] = values[i];
                    allPositive &= values[i] > 0;
                    allFractions &= values[i] >= 0 && values[i] <= 1;
                    j++;
                }
            }
            finite.put(e.getKey(), new double[][] {xs, ys});
        }
        if (finite.isEmpty()) {
            throw new IllegalArgumentException("no finite " + yLabel + " value to plot in '" + title + "'");
        }
        boolean log = logIfPositive && allPositive;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(log ? yLabel + " (log scale)" : yLabel).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisLogarithmic(log);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setMarkerSize(epochs.length <= MAX_MARKED_EPOCHS ? 5 : 0);
        if (!logIfPositive && allFractions) {
            // fractions: from just below the lowest value (in steps of 0.05) up to 1, so that the last
            // percent of accuracy, where runs differ, stays visible
            double lowest = finite.values().stream().flatMapToDouble(xy -> java.util.Arrays.stream(xy[1])).min().orElse(0.0);
            chart.getStyler().setYAxisMin(Math.max(0.0, Math.floor(lowest * 20 - 1e-9) / 20));
            chart.getStyler().setYAxisMax(1.0);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        }
        finite.forEach((name, xy) -> chart.addSeries(label(name), xy[0], xy[1]));
        // XChart puts x ticks on data values when all of them are equally spaced (as epochs are), which gives
        // crowded or odd steps (1, 2, 3, ... or 39, 78, ...); one invisible point between epochs 0 and 1 makes
        // it fall back to round steps (2, 5, 10, 20, ...)
        double[] firstSeries = finite.values().iterator().next()[1];
        XYSeries anchor = chart.addSeries(ANCHOR_SERIES, new double[] {0.5}, new double[] {firstSeries[0]});
        anchor.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        anchor.setMarker(SeriesMarkers.NONE);
        anchor.setShowInLegend(false);
        return chart;
    }

    /**
     * A bar chart with error bars: one bar per category, e.g. a metric's mean over seeds per method, with ± one
     * standard deviation. Categories without a finite mean are drawn as 0 and named "(n/a)".
     *
     * @throws IllegalArgumentException if the lists differ in length or are empty
     */
    public static void bars(Path png, String title, String yLabel, List<String> categories, List<Double> means,
                            List<Double> errors, boolean overwrite) {
        if (categories.isEmpty() || categories.size() != means.size() || means.size() != errors.size()) {
            throw new IllegalArgumentException("bars need as many means and errors as categories in '" + title + "'");
        }
        AtomicFiles.checkWritable(png, overwrite);
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(label(title)).xAxisTitle("")
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 4 ? 30 : 0);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        chart.getStyler().setYAxisDecimalPattern(AXIS_NUMBERS);
        List<String> names = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            boolean ok = means.get(i) != null && Double.isFinite(means.get(i));
            names.add(ok ? categories.get(i) : categories.get(i) + " (n/a)");
            y.add(ok ? means.get(i) : 0.0);
            Double err = errors.get(i);
            e.add(ok && err != null && Double.isFinite(err) ? err : 0.0);
        }
        chart.addSeries(yLabel, names, y, e);
        render(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG), overwrite);
    }

    /**
     * Lines with error bars against a numeric axis, e.g. a metric's mean over seeds against the noise level, one line
     * per method. Non-finite points are left out.
     */
    public static void lines(Path png, String title, String xLabel, String yLabel, Map<String, double[][]> series,
                             boolean overwrite) {
        AtomicFiles.checkWritable(png, overwrite);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(label(title)).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        chart.getStyler().setXAxisDecimalPattern(AXIS_NUMBERS);
        chart.getStyler().setYAxisDecimalPattern(AXIS_NUMBERS);
        int drawn = 0;
        for (Map.Entry<String, double[][]> s : series.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> e = new ArrayList<>();
            double[][] v = s.getValue(); // rows: x, mean, error
            for (int i = 0; i < v[0].length; i++) {
                if (Double.isFinite(v[0][i]) && Double.isFinite(v[1][i])) {
                    x.add(v[0][i]);
                    y.add(v[1][i]);
                    e.add(Double.isFinite(v[2][i]) ? v[2][i] : 0.0);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(s.getKey(), x, y, e);
                drawn++;
            }
        }
        if (drawn == 0) {
            throw new IllegalArgumentException("no finite point to plot in '" + title + "'");
        }
        render(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG), overwrite);
    }

    /** Axis numbers of the comparison charts: at most four decimals (no 0.6166666666666667). */
    private static final String AXIS_NUMBERS = "#,##0.####";

    private interface Renderer {
        void render(OutputStream out) throws IOException;
    }

    private static void render(Path target, Renderer renderer, boolean overwrite) {
        byte[] bytes;
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            renderer.render(out);
            bytes = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render " + target + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeBytes(target, bytes, overwrite);
    }

    private static String label(String text) {
        return text == null ? "" : text;
    }

    /** Renders {@code panels} stacked vertically into one PNG and moves it into place atomically. */
    private static void write(Path target, List<XYChart> panels, boolean overwrite) {
        render(target, out -> BitmapEncoder.saveBitmap(panels, panels.size(), 1, out, BitmapEncoder.BitmapFormat.PNG),
                overwrite);
    }
}
