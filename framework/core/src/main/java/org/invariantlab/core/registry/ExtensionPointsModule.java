package org.invariantlab.core.registry;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.binder.LinkedBindingBuilder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Types;
import java.util.Set;
import org.invariantlab.api.LabExtension;

/**
 * Declares one Guice multibinder set per extension point for the extensions built into InvariantLab.
 * Every set exists even when empty, so the registry can always ask for it. A module contributes a
 * built-in with
 *
 * <pre>{@code
 * ExtensionPointsModule.addBuiltIn(binder(), ExampleSampler.class).to(PermutationSampler.class);
 * }</pre>
 *
 * <p>Built-ins are created once, by the host injector, when the registry is built; they land in the
 * registry before any plugin extension and so win every id conflict with one.
 */
public final class ExtensionPointsModule extends AbstractModule {

    @Override
    protected void configure() {
        for (Class<? extends LabExtension> spi : ExtensionPoints.all()) {
            declare(binder(), spi);
        }
    }

    /** Starts the binding of one built-in extension of {@code spi}; finish it with {@code .to(...)}. */
    public static <T extends LabExtension> LinkedBindingBuilder<T> addBuiltIn(Binder binder, Class<T> spi) {
        ExtensionPoints.displayName(spi);
        return Multibinder.newSetBinder(binder, spi).addBinding();
    }

    /** The built-in extensions of {@code spi} bound in {@code injector}, in binding order. */
    @SuppressWarnings("unchecked")
    public static <T extends LabExtension> Set<T> builtIns(Injector injector, Class<T> spi) {
        ExtensionPoints.displayName(spi);
        return (Set<T>) injector.getInstance(Key.get(Types.setOf(spi)));
    }

    private static <T extends LabExtension> void declare(Binder binder, Class<T> spi) {
        Multibinder.newSetBinder(binder, spi);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtensionPointsModule;
    }

    @Override
    public int hashCode() {
        return ExtensionPointsModule.class.hashCode();
    }
}
