package org.invariantlab.core.compare;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.InvariantLab;

/**
 * Binds the executors of comparisons by id: the built-in {@code local} and whatever {@link CellExecutorModule}s
 * are on the class path (the Spark add-on's {@code spark}).
 */
public final class ExecutorsModule extends AbstractModule {

    /** Adds {@code executor} to the map of executors; for add-on modules. */
    public static void addExecutor(Binder binder, String id, Class<? extends CellExecutor> executor) {
        MapBinder.newMapBinder(binder, String.class, CellExecutor.class).addBinding(id).to(executor);
    }

    @Override
    protected void configure() {
        addExecutor(binder(), LocalExecutor.ID, LocalExecutor.class);
    }

    /** Every executor available to {@code lab}, by id (sorted). */
    public static Map<String, CellExecutor> executors(InvariantLab lab) {
        List<com.google.inject.Module> modules = new ArrayList<>();
        modules.add(new ExecutorsModule());
        ServiceLoader.load(CellExecutorModule.class, ExecutorsModule.class.getClassLoader()).forEach(modules::add);
        Injector injector = lab.services().createChildInjector(modules);
        return new TreeMap<>(injector.getInstance(Key.get(new TypeLiteral<Map<String, CellExecutor>>() { })));
    }

    /** The executor {@code id}, or a plain refusal naming the available ones. */
    public static CellExecutor executor(InvariantLab lab, String id) {
        Map<String, CellExecutor> all = executors(lab);
        CellExecutor e = all.get(id);
        if (e == null) {
            throw new InvalidInputException("unknown executor '" + id + "'; available: " + String.join(", ", all.keySet())
                    + (id.equals("spark") ? " (the Spark executor comes with the Spark add-on; see "
                    + "docs/spark.md)" : ""));
        }
        return e;
    }
}
