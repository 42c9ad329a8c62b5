package org.invariantlab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.invariantlab.core.job.JobListener;
import org.invariantlab.core.train.EpochStats;

/**
 * Progress of runs on the terminal. On an interactive terminal one line is redrawn per epoch (bar, losses,
 * accuracies, ETA); otherwise (CI, redirected output) plain log lines, at most one every
 * {@value #PIPED_INTERVAL_SECONDS} s besides the first and the last epoch, so that a piped run of 1,000 epochs does
 * not write 1,000 lines.
 *
 * <p>The ETA is the mean duration of the epochs after the first, times the epochs left: the first epoch carries the
 * start of ND4J and the JIT's compilation of the trainer (a first epoch of 1.1 s then steady ones of 0.02 s made the
 * old estimate, from the mean of all epochs, 19 minutes for a training of 25 s). After the first epoch there is no
 * estimate yet ("ETA after epoch 2").
 */
final class ProgressPrinter implements JobListener {

    private static final int BAR = 24;

    /** Without a terminal, the least time between two epoch lines. */
    static final double PIPED_INTERVAL_SECONDS = 5;

    private final PrintWriter out;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private boolean midLine;
    private double firstEpochSeconds = Double.NaN;
    private double lastPrinted = Double.NEGATIVE_INFINITY;

    ProgressPrinter(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** A printer that redraws lines only when standard output is a terminal. */
    static ProgressPrinter forConsole(PrintWriter out) {
        return new ProgressPrinter(out, System.console() != null);
    }

    @Override
    public synchronized void stage(String message) { // a heartbeat calls it from its own thread
        endLine();
        out.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, message);
        out.flush();
    }

    @Override
    public synchronized void epochCompleted(EpochStats s) {
        if (s.epoch() == 1 || Double.isNaN(firstEpochSeconds)) {
            firstEpochSeconds = s.seconds();
            lastPrinted = Double.NEGATIVE_INFINITY; // a new training (reproduce and read run several)
        }
        String eta = eta(s, firstEpochSeconds);
        // Pair accuracy exists only for pair methods; group losses (Ha-Jeong) report NaN and show no accuracy.
        String accuracy = Double.isNaN(s.trainAccuracy()) ? ""
                : String.format(Locale.ROOT, "  acc %.2f%% (val %.2f%%)", 100 * s.trainAccuracy(),
                        100 * s.validationAccuracy());
        String numbers = String.format(Locale.ROOT, "epoch %d/%d  loss %.4f (val %.4f)%s  lr %.1e  %s, %s",
                s.epoch(), s.epochs(), s.trainLoss(), s.validationLoss(), accuracy, s.learningRate(),
                time(s.seconds()), eta);
        if (interactive) {
            int filled = (int) Math.round(BAR * (double) s.epoch() / s.epochs());
            out.print("\r  [" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + numbers + "   ");
            midLine = s.epoch() < s.epochs();
            if (!midLine) {
                out.println();
            }
        } else if (s.epoch() == 1 || s.epoch() == s.epochs() || s.seconds() - lastPrinted >= PIPED_INTERVAL_SECONDS) {
            out.println("  " + numbers);
            lastPrinted = s.seconds();
        }
        out.flush();
    }

    /**
     * The time left: the mean of the epochs after the first times the epochs left; none after the first epoch.
     *
     * @param first the seconds the first epoch took (the stats' seconds are cumulative)
     */
    static String eta(EpochStats s, double first) {
        if (s.epoch() >= s.epochs()) {
            return "done";
        }
        if (s.epoch() < 2) {
            return "ETA after epoch 2";
        }
        double perEpoch = (s.seconds() - first) / (s.epoch() - 1);
        return "ETA " + time(perEpoch * (s.epochs() - s.epoch()));
    }

    private void endLine() {
        if (midLine) {
            out.println();
            midLine = false;
        }
    }

    static String time(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + "s" : (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
}
