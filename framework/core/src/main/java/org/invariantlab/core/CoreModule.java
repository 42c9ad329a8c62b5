package org.invariantlab.core;

import com.google.inject.AbstractModule;
import org.invariantlab.core.builtin.BuiltInsModule;
import org.invariantlab.core.registry.ExtensionPointsModule;

/**
 * The root Guice module of InvariantLab: what the host injector, and through it every plugin
 * extension, can be given. It declares the extension points ({@link ExtensionPointsModule}), binds the
 * built-in extensions ({@link BuiltInsModule}) and forbids circular proxies, so a dependency cycle among
 * core services or extensions fails with a clear Guice error instead of a proxy that breaks later.
 */
public final class CoreModule extends AbstractModule {

    @Override
    protected void configure() {
        binder().disableCircularProxies();
        install(new ExtensionPointsModule());
        install(new BuiltInsModule());
        // the engine's services (Trainer, and Runner and ResultReader through InvariantLab.services()) are
        // just-in-time bindings of their @Inject constructors: binding them here would make Guice inspect the
        // trainer, and so load DL4J, in every listing command

    }
}
