package org.invariantlab.executor.spark;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.invariantlab.core.InvariantLab;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started InvariantLab of each plugins directory in this JVM, so that a worker loads the plugins once for all
 * the cells it runs. In local mode the tasks run in the driver's JVM: the driver registers its own lab first, and the
 * tasks use it. Labs started here live as long as the worker's JVM.
 */
final class WorkerLabs {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLabs.class);
    private static final ConcurrentMap<Path, InvariantLab> LABS = new ConcurrentHashMap<>();

    private WorkerLabs() {
    }

    /** Offers the driver's started lab to the tasks of this JVM. */
    static void register(InvariantLab lab) {
        LABS.put(lab.pluginsDirectory(), lab);
    }

    /** Withdraws {@code lab} (when it is the one registered for its directory). */
    static void unregister(InvariantLab lab) {
        LABS.remove(lab.pluginsDirectory(), lab);
    }

    /** The lab of {@code directory}, started on first use. */
    static InvariantLab get(Path directory) {
        return LABS.computeIfAbsent(directory.toAbsolutePath().normalize(), dir -> {
            InvariantLab lab = InvariantLab.start(dir);
            lab.problems().forEach(p -> LOG.warn("{}", p.line()));
            LOG.info("started InvariantLab with {} plugin(s) from {}", lab.plugins().size(), dir);
            return lab;
        });
    }
}
