package org.invariantlab.core.job;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Says that a long step without stages of its own is still running, every {@value #SECONDS} s:
 * {@code "… still reading the formulas (20 s)"}. Reading a latent as a formula grows a library and checks every
 * candidate, and was silent for up to 21 s; a user could not tell it from a hang. Use it around the step, in a
 * try-with-resources block: the heartbeat stops when the block ends. The message goes to the job's listener from a
 * daemon thread of its own, while the step's thread is busy and says nothing.
 */
public final class Heartbeat implements AutoCloseable {

    /** Seconds between two messages. */
    public static final long SECONDS = 10;

    private final ScheduledExecutorService timer;

    private Heartbeat(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts saying "… still {@code what}" to {@code listener} every {@value #SECONDS} s. */
    public static Heartbeat during(JobListener listener, String what) {
        return during(listener, what, TimeUnit.SECONDS.toMillis(SECONDS));
    }

    /** As {@link #during(JobListener, String)}, every {@code periodMillis} ms (tests). */
    static Heartbeat during(JobListener listener, String what, long periodMillis) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "invariantlab-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        timer.scheduleAtFixedRate(() -> listener.stage(String.format(Locale.ROOT, "… still %s (%d s)", what,
                Math.round((System.nanoTime() - start) / 1e9))), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return new Heartbeat(timer);
    }

    /** Stops the messages (none comes after this returns). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
