package org.invariantlab.core.data;

import java.util.Locale;
import org.invariantlab.api.InvalidInputException;

/**
 * The heap a data file needs once read, estimated before reading it, so that a file too large for this JVM is
 * refused at once instead of failing with {@link OutOfMemoryError} half-way.
 *
 * <p>A NumPy array of {@code n} numbers needs {@code 8·n} bytes as doubles; a CSV file of {@code s} bytes
 * holds at most {@code s/2} numbers (one digit and one separator each) but typically one number per 10–25
 * bytes, so it is counted as {@value #CSV_BYTES_PER_FILE_BYTE} bytes of doubles per byte on disk. Either is
 * multiplied by {@value #COPIES} for the copies a run makes (the groups, the rectangular copy, the splits).
 * The estimate must not exceed half of {@link Runtime#maxMemory()}.
 */
public final class DataMemory {

    /** Doubles' bytes counted per byte of a CSV file. */
    public static final double CSV_BYTES_PER_FILE_BYTE = 1.0;

    /** Copies of the data a run holds at once. */
    public static final int COPIES = 3;

    private DataMemory() {
    }

    /** The heap budget for data: half of the JVM's maximum heap. */
    public static long budget() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /** The estimate for {@code numbers} numbers read as doubles. */
    public static long forNumbers(long numbers) {
        return saturatedTimes(saturatedTimes(numbers, 8), COPIES);
    }

    /** The estimate for a CSV file of {@code fileBytes} bytes. */
    public static long forCsv(long fileBytes) {
        return saturatedTimes((long) Math.ceil(fileBytes * CSV_BYTES_PER_FILE_BYTE), COPIES);
    }

    /**
     * Refuses, in one line naming {@code file}, data whose estimate exceeds {@code budget} bytes.
     *
     * @throws InvalidInputException if {@code estimate > budget}
     */
    public static void check(String file, long estimate, long budget) {
        if (estimate > budget) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s: too large for memory: reading it needs about %s of heap, more than the %s available to data;"
                            + " give Java more memory (e.g. JAVA_OPTS=-Xmx8g) or use a smaller file",
                    file, megabytes(estimate), megabytes(budget)));
        }
    }

    private static String megabytes(long bytes) {
        if (bytes >= 1e12) {
            return String.format(Locale.ROOT, "%.1f TB", bytes / 1e12);
        }
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.0f MB", Math.ceil(bytes / 1e6));
    }

    static long saturatedTimes(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
}
