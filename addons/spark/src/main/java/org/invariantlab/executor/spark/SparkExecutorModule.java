package org.invariantlab.executor.spark;

import com.google.inject.AbstractModule;
import org.invariantlab.core.compare.CellExecutorModule;
import org.invariantlab.core.compare.ExecutorsModule;

/**
 * Adds the {@code spark} executor to {@code compare --executor}; found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.invariantlab.core.compare.CellExecutorModule} when the add-on's jars are on the class
 * path ({@code lib/spark/}).
 */
public final class SparkExecutorModule extends AbstractModule implements CellExecutorModule {

    @Override
    protected void configure() {
        ExecutorsModule.addExecutor(binder(), SparkExecutor.ID, SparkExecutor.class);
    }
}
