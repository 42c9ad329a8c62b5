package org.invariantlab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.invariantlab.core.job.JobListener;
import org.invariantlab.core.train.EpochStats;

/**
 * Progress of runs on the terminal. On an interactive terminal one line is redrawn per epoch (bar, losses,
 * accuracies, ETA); otherwise (CI, redirected output) every epoch is one plain log line, so logs stay readable.
 */
final class ProgressPrinter implements JobListener {

    private static final int BAR = 24;

    private final PrintWriter out;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private boolean midLine;

    ProgressPrinter(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** A printer that redraws lines only when standard output is a terminal. */
    static ProgressPrinter forConsole(PrintWriter out) {
        return new ProgressPrinter(out, System.console() != null);
    }

    @Override
    public void stage(String message) {
        endLine();
        out.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, message);
        out.flush();
    }

    @Override
    public void epochCompleted(EpochStats s) {
        double perEpoch = s.seconds() / s.epoch();
        double eta = perEpoch * (s.epochs() - s.epoch());
        // Pair accuracy exists only for pair methods; group losses (Ha-Jeong) report NaN and show no accuracy.
        String accuracy = Double.isNaN(s.trainAccuracy()) ? ""
                : String.format(Locale.ROOT, "  acc %.2f%% (val %.2f%%)", 100 * s.trainAccuracy(),
                        100 * s.validationAccuracy());
        String numbers = String.format(Locale.ROOT, "epoch %d/%d  loss %.4f (val %.4f)%s  lr %.1e  %s, ETA %s",
                s.epoch(), s.epochs(), s.trainLoss(), s.validationLoss(), accuracy, s.learningRate(),
                time(s.seconds()), time(eta));
        if (interactive) {
            int filled = (int) Math.round(BAR * (double) s.epoch() / s.epochs());
            out.print("\r  [" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + numbers + "   ");
            midLine = s.epoch() < s.epochs();
            if (!midLine) {
                out.println();
            }
        } else {
            out.println("  " + numbers);
        }
        out.flush();
    }

    private void endLine() {
        if (midLine) {
            out.println();
            midLine = false;
        }
    }

    private static String time(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + "s" : (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
}
