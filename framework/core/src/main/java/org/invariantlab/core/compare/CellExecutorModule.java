package org.invariantlab.core.compare;

import com.google.inject.Module;

/**
 * A Guice module that adds a {@link CellExecutor} to {@link ExecutorsModule#executors} (with
 * {@code ExecutorsModule.addExecutor(binder(), …)}); add-ons list their module in
 * {@code META-INF/services/org.invariantlab.core.compare.CellExecutorModule}.
 */
public interface CellExecutorModule extends Module {
}
