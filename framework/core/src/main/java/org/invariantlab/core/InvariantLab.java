package org.invariantlab.core;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.invariantlab.api.ApiVersion;
import org.invariantlab.api.LabExtension;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.plugin.InvariantLabPluginManager;
import org.invariantlab.core.plugin.PluginDirectoryLoader;
import org.invariantlab.core.plugin.PluginDirectoryLoader.LoadedPlugins;
import org.invariantlab.core.plugin.PluginDirectoryLoader.PluginExtension;
import org.invariantlab.core.plugin.PluginInfo;
import org.invariantlab.core.plugin.PluginProblem;
import org.invariantlab.core.registry.ExtensionPoints;
import org.invariantlab.core.registry.ExtensionPointsModule;
import org.invariantlab.core.registry.ExtensionRecord;
import org.invariantlab.core.registry.ExtensionRegistry;
import org.invariantlab.core.util.Throwables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running InvariantLab: the host Guice injector, the plugins of one directory, and the registry of
 * every extension, built-in or from a plugin.
 *
 * <pre>{@code
 * try (InvariantLab lab = InvariantLab.start(PluginsDirectory.resolve(option, System.getenv(), home))) {
 *     PhysicalSystem kepler = lab.registry().get(PhysicalSystem.class, "kepler");
 *     lab.problems().forEach(p -> System.err.println(p.line()));
 * }
 * }</pre>
 *
 * <p>Starting reads plugin manifests and creates each extension once; it loads no numerical or
 * computer-algebra library, so listing commands answer quickly. Problems with individual plugins never
 * fail the start; they are collected in {@link #problems()}. Closing stops and unloads the plugins;
 * plugin extensions must not be used afterwards.
 */
public final class InvariantLab implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InvariantLab.class);

    private final Path pluginsDirectory;
    private final Injector injector;
    private Injector services;
    private final InvariantLabPluginManager pluginManager;
    private final ExtensionRegistry registry;
    private final List<PluginInfo> plugins;
    private final List<PluginProblem> problems;
    private final AtomicBoolean closed = new AtomicBoolean();

    private InvariantLab(Path pluginsDirectory, Injector injector, InvariantLabPluginManager pluginManager,
                         ExtensionRegistry registry, List<PluginInfo> plugins, List<PluginProblem> problems) {
        this.pluginsDirectory = pluginsDirectory;
        this.injector = injector;
        this.pluginManager = pluginManager;
        this.registry = registry;
        this.plugins = List.copyOf(plugins);
        this.problems = List.copyOf(problems);
    }

    /**
     * Starts InvariantLab with the plugins in {@code pluginsDirectory}.
     *
     * @throws InvariantLabException if the directory does not exist, is not a directory or cannot be read
     */
    public static InvariantLab start(Path pluginsDirectory) {
        return start(pluginsDirectory, new Module[0]);
    }

    /**
     * Starts InvariantLab with the plugins in {@code pluginsDirectory} and a host injector made of
     * {@link CoreModule} and {@code extraModules}; extensions may inject anything these bind, and the
     * modules may add built-in extensions with {@link ExtensionPointsModule#addBuiltIn}.
     *
     * @throws InvariantLabException if the directory does not exist, is not a directory or cannot be read
     */
    public static InvariantLab start(Path pluginsDirectory, Module... extraModules) {
        Objects.requireNonNull(pluginsDirectory, "pluginsDirectory");
        Path dir = pluginsDirectory.toAbsolutePath().normalize();
        List<Module> modules = new ArrayList<>();
        modules.add(new CoreModule());
        for (Module m : extraModules) {
            modules.add(Objects.requireNonNull(m, "module"));
        }
        Injector injector = Guice.createInjector(modules);
        LoadedPlugins loaded = PluginDirectoryLoader.load(dir, injector);
        try {
            List<PluginProblem> problems = new ArrayList<>(loaded.problems());
            ExtensionRegistry.Builder builder = ExtensionRegistry.builder();
            for (Class<? extends LabExtension> spi : ExtensionPoints.all()) {
                offerBuiltIns(builder, injector, spi, problems);
            }
            for (PluginExtension e : loaded.extensions()) {
                offer(builder, e.spi(), e.extension(), e.pluginId(), e.pluginVersion())
                        .ifPresent(reason -> problems.add(problem(e.jar(), e.pluginId(), reason)));
            }
            ExtensionRegistry registry = builder.build();
            List<PluginInfo> plugins = loaded.plugins().stream()
                    .map(p -> p.withExtensions(registry.idsByOrigin(p.id())))
                    .toList();
            log.debug("Started with {} plugin(s), {} extension(s) and {} problem(s) from {}", plugins.size(),
                    registry.size(), problems.size(), dir);
            return new InvariantLab(dir, injector, loaded.manager(), registry, plugins, problems);
        } catch (RuntimeException | Error e) {
            PluginDirectoryLoader.unloadAll(loaded.manager());
            throw e;
        }
    }

    /** Every usable extension, built-in and from plugins. */
    public ExtensionRegistry registry() {
        return registry;
    }

    /** Every jar in the plugins directory with a valid plugin manifest, sorted by plugin id. */
    public List<PluginInfo> plugins() {
        return plugins;
    }

    /** Everything that was refused while starting, one line each, in the order found. */
    public List<PluginProblem> problems() {
        return problems;
    }

    /** The plugins directory, absolute. */
    public Path pluginsDirectory() {
        return pluginsDirectory;
    }

    /** The host injector ({@link CoreModule} plus the extra modules given to {@code start}). */
    public Injector injector() {
        return injector;
    }

    /**
     * The engine's services for this lab (the runner, the result reader, the trainer): a child of the host
     * injector in which this {@code InvariantLab} is bound, created once. Commands take their services from here
     * instead of building them.
     */
    public synchronized Injector services() {
        if (services == null) {
            services = injector.createChildInjector(binder -> binder.bind(InvariantLab.class).toInstance(this));
        }
        return services;
    }

    /**
     * Stops the started plugins one at a time in reverse start order, then unloads all plugins and closes
     * their class loaders. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            PluginDirectoryLoader.unloadAll(pluginManager);
        }
    }

    private static <T extends LabExtension> void offerBuiltIns(ExtensionRegistry.Builder builder, Injector injector,
                                                            Class<T> spi, List<PluginProblem> problems) {
        Set<T> builtIns;
        try {
            builtIns = ExtensionPointsModule.builtIns(injector, spi);
        } catch (ProvisionException e) {
            log.debug("Cannot create the built-in extensions of {}", spi.getName(), e);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            problems.add(problem(PluginProblem.BUILT_IN_SOURCE, null, "the built-in "
                    + ExtensionPoints.displayName(spi) + " extensions could not be created: "
                    + Throwables.oneLine(cause)));
            return;
        }
        for (T extension : builtIns) {
            builder.offer(spi, extension, ExtensionRecord.BUILT_IN, ApiVersion.current())
                    .ifPresent(reason -> problems.add(problem(PluginProblem.BUILT_IN_SOURCE, null, reason)));
        }
    }

    private static <T extends LabExtension> Optional<String> offer(ExtensionRegistry.Builder builder, Class<T> spi,
                                                                LabExtension extension, String origin, String version) {
        return builder.offer(spi, spi.cast(extension), origin, version);
    }

    private static PluginProblem problem(String source, String pluginId, String reason) {
        PluginProblem p = new PluginProblem(source, pluginId, reason);
        log.debug("Plugin problem: {}", p.line());
        return p;
    }
}
