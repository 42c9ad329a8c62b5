package org.invariantlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.invariantlab.core.train.EpochStats;
import org.junit.jupiter.api.Test;

/**
 * The progress a user reads: an ETA from the steady epochs, not from the first one (which carries ND4J's start and the
 * JIT), and a piped run of 1,000 epochs in a handful of lines, not 1,000.
 */
class ProgressPrinterTest {

    /** A first epoch of 1.1 s, then 0.02 s each: the shape of a Ha–Jeong training of 1,000 steps (about 21 s). */
    private static EpochStats epoch(int k, int of) {
        return new EpochStats(k, of, 0.5, Double.NaN, 0.5, Double.NaN, 1e-3, 1.1 + 0.02 * (k - 1));
    }

    @Test
    void theEtaComesFromTheSteadyEpochs() {
        assertEquals("ETA after epoch 2", ProgressPrinter.eta(epoch(1, 1000), 1.1));
        // the old estimate, the mean of all epochs so far times the epochs left, said 16m38s here
        assertEquals("ETA 20s", ProgressPrinter.eta(epoch(3, 1000), 1.1), "0.02 s × 997 epochs left");
        assertEquals("done", ProgressPrinter.eta(epoch(1000, 1000), 1.1));
    }

    @Test
    void aPipedRunPrintsAFewLinesNotOnePerEpoch() {
        StringWriter text = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), false);
        for (int k = 1; k <= 1000; k++) {
            p.epochCompleted(epoch(k, 1000));
        }
        long lines = text.toString().lines().count();
        p.epochCompleted(epoch(1, 3)); // a second training on the same printer starts with its own first line
        assertTrue(text.toString().strip().endsWith("ETA after epoch 2"), text.toString());
        // the first, the last, and one per 5 s of the 21 s between them
        assertTrue(lines >= 5 && lines <= 7, lines + " lines:\n" + text);
        assertTrue(text.toString().lines().findFirst().orElseThrow().contains("epoch 1/1000"));
        assertTrue(text.toString().lines().skip(lines - 1).findFirst().orElseThrow().endsWith("done"), text.toString());
    }
}
