package org.invariantlab.core.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.job.JobListener;

/**
 * The default executor: cells one after another in this process, each training with the whole machine (two
 * trainings of one network at once on two cores had a lower total throughput than one after the other, tech notes
 * §7). {@code --parallel N} runs N cells at a time on a thread pool: worth it where cells spend much of their time
 * outside the training's matrix products (formula reading, sampling) or on machines with many cores; measured on 2
 * cores, 8 small cells of 3–7 s took 24 s with {@code --parallel 2} against 31.5 s one after the other
 * (docs/spark.md).
 */
public final class LocalExecutor implements CellExecutor {

    /** The id. */
    public static final String ID = "local";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "cells one after another in this process (--parallel N: N at a time)";
    }

    @Override
    public void check(Options options) {
        if (options.master() != null) {
            throw new InvalidInputException("--master is the Spark master of --executor spark; the local executor has "
                    + "none (remove --master)");
        }
        if (options.parallel() < 0 || options.parallel() > 256) {
            throw new InvalidInputException("--parallel must be between 1 and 256, got " + options.parallel());
        }
    }

    @Override
    public void execute(Context context, List<Cell> cells, Sink sink) {
        String where = ID + " on " + host();
        int parallel = Math.max(1, context.options().parallel());
        if (parallel == 1) {
            for (Cell c : cells) {
                sink.started(c);
                sink.finished(context.worker().run(c, context.cells(), where, context.listener()));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "invariantlab-cell");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Cell c : cells) {
                futures.add(pool.submit(() -> {
                    synchronized (sink) {
                        sink.started(c);
                    }
                    CellResult r = context.worker().run(c, context.cells(), where, JobListener.silent());
                    synchronized (sink) {
                        sink.finished(r);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvariantLabException("interrupted while running cells", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new InvariantLabException("a cell failed: " + cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** This machine's host name, for the provenance. */
    public static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
