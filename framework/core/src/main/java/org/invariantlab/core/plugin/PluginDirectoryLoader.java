package org.invariantlab.core.plugin;

import com.google.inject.Injector;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.invariantlab.api.LabExtension;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.io.IoErrors;
import org.invariantlab.core.registry.ExtensionPoints;
import org.invariantlab.core.util.Throwables;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugins of one directory: checks the directory, reports entries that are not plugin jars,
 * loads and starts the plugins with an {@link InvariantLabPluginManager}, and instantiates every
 * extension of every started plugin exactly once.
 *
 * <p>Only a missing or unreadable directory is fatal ({@link InvariantLabException}). Everything else,
 * from a stray text file to an extension whose constructor throws, becomes one {@link PluginProblem},
 * and the remaining plugins load normally. A started plugin that lists no extension class at all (no
 * {@code @Extension}, or the annotation processor did not run) is a problem too, unless another plugin
 * depends on it as a library. PF4J's own log output is redundant with these problems; the
 * command line silences it unless asked to be verbose.
 */
public final class PluginDirectoryLoader {

    private static final Logger log = LoggerFactory.getLogger(PluginDirectoryLoader.class);

    /** Where PF4J's annotation processor lists a jar's extension classes. */
    private static final String EXTENSIONS_INDEX = "META-INF/extensions.idx";

    private PluginDirectoryLoader() {
    }

    /**
     * Loads and starts the plugins in {@code directory}, creating their extensions with {@code injector}
     * (through a per-plugin child injector). The caller owns the returned plugin manager and must stop
     * and unload the plugins when done.
     *
     * @throws InvariantLabException if the directory does not exist, is not a directory or cannot be read
     */
    public static LoadedPlugins load(Path directory, Injector injector) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(injector, "injector");
        Path dir = directory.toAbsolutePath().normalize();
        List<PluginProblem> problems = new ArrayList<>(scan(dir));

        InvariantLabPluginManager manager = new InvariantLabPluginManager(dir);
        manager.setInjector(injector);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            problems.addAll(manager.problems());
            List<PluginExtension> extensions = new ArrayList<>();
            List<PluginWrapper> started = manager.getStartedPlugins().stream()
                    .sorted(Comparator.comparing(PluginWrapper::getPluginId)).toList();
            for (PluginWrapper plugin : started) {
                instantiate(manager, plugin, extensions, problems);
            }
            List<PluginInfo> plugins = manager.loadedPlugins().values().stream()
                    .map(w -> info(manager, w))
                    .sorted(Comparator.comparing(PluginInfo::id))
                    .toList();
            return new LoadedPlugins(manager, plugins, problems, extensions);
        } catch (RuntimeException | Error e) {
            unloadAll(manager);
            throw e;
        }
    }

    /**
     * Stops the started plugins one by one in reverse start order, then unloads every plugin, closing
     * their class loaders. Failures are logged and do not stop the others.
     */
    public static void unloadAll(InvariantLabPluginManager manager) {
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        for (int i = started.size() - 1; i >= 0; i--) {
            String id = started.get(i).getPluginId();
            try {
                manager.stopPlugin(id);
            } catch (RuntimeException | LinkageError e) {
                log.debug("Cannot stop plugin '{}'", id, e);
            }
        }
        List<String> ids = manager.getPlugins().stream().map(PluginWrapper::getPluginId).sorted().toList();
        for (String id : ids) {
            try {
                manager.unloadPlugin(id);
            } catch (RuntimeException | LinkageError e) {
                log.debug("Cannot unload plugin '{}'", id, e);
            }
        }
    }

    /**
     * Checks that {@code dir} is a readable directory and reports every entry in it that is not a
     * regular {@code .jar} file, sub-directories included, sorted by name.
     *
     * @throws InvariantLabException if {@code dir} is missing, not a directory or not readable
     */
    public static List<PluginProblem> scan(Path dir) {
        PluginsDirectory.check(dir, dir.toString(), false);
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new InvariantLabException("cannot list plugins directory " + dir + ": " + IoErrors.describe(e, dir), e);
        }
        List<PluginProblem> problems = new ArrayList<>();
        for (Path entry : entries) {
            if (!isJarFile(entry.toFile())) {
                String name = entry.getFileName() + (Files.isDirectory(entry) ? "/" : "");
                problems.add(new PluginProblem(name, null,
                        "not a jar file; plugins are single .jar files — remove it from " + dir));
            }
        }
        return problems;
    }

    /** Whether {@code file} is a regular file named {@code *.jar} (any case): a plugin candidate. */
    static boolean isJarFile(File file) {
        return file.isFile() && file.getName().toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    /** Creates one instance of each extension class a started plugin lists, recording what fails. */
    private static void instantiate(InvariantLabPluginManager manager, PluginWrapper plugin,
                                    List<PluginExtension> extensions, List<PluginProblem> problems) {
        String pluginId = plugin.getPluginId();
        String version = plugin.getDescriptor().getVersion();
        String jar = plugin.getPluginPath().getFileName().toString();
        ClassLoader loader = plugin.getPluginClassLoader();
        Set<String> classNames = new TreeSet<>(manager.getExtensionClassNames(pluginId));
        if (classNames.isEmpty() && !isDependedOn(manager, pluginId)) {
            problems.add(problem(jar, pluginId, noExtensionsReason(plugin)));
        }
        for (String className : classNames) {
            String subject = "extension class '" + className + "' from plugin '" + pluginId + "'";
            Class<?> type;
            try {
                type = loader.loadClass(className);
            } catch (ClassNotFoundException e) {
                problems.add(problem(jar, pluginId, subject + " is listed in META-INF/extensions.idx but is not in"
                        + " the jar — rebuild " + jar));
                continue;
            } catch (LinkageError e) {
                problems.add(problem(jar, pluginId, subject + " cannot be loaded: " + Throwables.oneLine(e)
                        + " — rebuild " + jar + " against InvariantLab API " + manager.getSystemVersion()));
                continue;
            }
            List<Class<? extends LabExtension>> points = ExtensionPoints.all().stream()
                    .filter(spi -> spi.isAssignableFrom(type)).toList();
            if (points.isEmpty()) {
                Optional<String> copied = foreignApiType(type);
                problems.add(problem(jar, pluginId, copied.isPresent()
                        ? subject + " implements " + copied.get() + " from a copy of the InvariantLab API inside the"
                        + " jar — rebuild " + jar + " with invariantlab-api in provided scope"
                        : subject + " implements none of the extension points (" + ExtensionPoints.simpleNames()
                        + "); it is ignored"));
                continue;
            }
            if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
                problems.add(problem(jar, pluginId, subject + " is abstract; it is ignored — list only concrete"
                        + " classes in META-INF/extensions.idx"));
                continue;
            }
            Object instance;
            try {
                instance = manager.getExtensionFactory().create(type);
            } catch (GuiceExtensionFactory.ExtensionCreationException e) {
                log.debug("Cannot create {}", className, e);
                problems.add(problem(jar, pluginId, subject + " could not be created: " + e.reason()));
                continue;
            } catch (RuntimeException | LinkageError e) {
                log.debug("Cannot create {}", className, e);
                problems.add(problem(jar, pluginId, subject + " could not be created: " + Throwables.oneLine(e)));
                continue;
            }
            for (Class<? extends LabExtension> spi : points) {
                extensions.add(new PluginExtension(spi, (LabExtension) instance, pluginId, version, jar, className));
            }
        }
    }

    /** Whether another loaded plugin lists {@code pluginId} in its {@code Plugin-Dependencies}: a library plugin. */
    private static boolean isDependedOn(InvariantLabPluginManager manager, String pluginId) {
        return manager.loadedPlugins().values().stream()
                .flatMap(w -> w.getDescriptor().getDependencies().stream())
                .anyMatch(d -> d.getPluginId().equals(pluginId));
    }

    /**
     * Why a started plugin that lists no extension class contributes nothing, and how to fix it: its jar
     * has no extension index (no {@code @Extension}, or the annotation processor did not run), or an empty one.
     */
    private static String noExtensionsReason(PluginWrapper plugin) {
        String jar = plugin.getPluginPath().getFileName().toString();
        boolean hasIndex;
        try (JarFile file = new JarFile(plugin.getPluginPath().toFile())) {
            hasIndex = file.getEntry(EXTENSIONS_INDEX) != null;
        } catch (IOException e) {
            hasIndex = false;
        }
        String label = "plugin '" + plugin.getPluginId() + "' " + plugin.getDescriptor().getVersion()
                + " contributes no extensions: ";
        String annotate = "annotate each extension class with PF4J's @Extension";
        return hasIndex
                ? label + "its " + EXTENSIONS_INDEX + " lists no class — " + annotate + " and rebuild " + jar
                : label + jar + " has no " + EXTENSIONS_INDEX + " — " + annotate + " and rebuild with PF4J's"
                + " annotation processor running (pf4j on the compile class path, annotation processing not"
                + " disabled; see docs/plugin-development.md)";
    }

    /** The name of an extension point interface {@code type} implements from a class loader other than ours. */
    private static Optional<String> foreignApiType(Class<?> type) {
        Set<String> ours = new HashSet<>();
        ExtensionPoints.all().forEach(spi -> ours.add(spi.getName()));
        ours.add(LabExtension.class.getName());
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        Set<Class<?>> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> c = todo.removeFirst();
            if (!seen.add(c)) {
                continue;
            }
            if (c.isInterface() && ours.contains(c.getName())) {
                return Optional.of(c.getName());
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return Optional.empty();
    }

    private static PluginInfo info(InvariantLabPluginManager manager, PluginWrapper wrapper) {
        PluginWrapper current = manager.getPlugin(wrapper.getPluginId());
        String state = current == null ? PluginState.UNLOADED.toString() : current.getPluginState().toString();
        var d = wrapper.getDescriptor();
        return new PluginInfo(d.getPluginId(), d.getVersion(), state, wrapper.getPluginPath().getFileName().toString(),
                d.getPluginDescription(), d.getRequires(), Map.of(), manager.failure(d.getPluginId()));
    }

    private static PluginProblem problem(String jar, String pluginId, String reason) {
        PluginProblem p = new PluginProblem(jar, pluginId, reason);
        log.debug("Plugin problem: {}", p.line());
        return p;
    }

    /**
     * The outcome of {@link #load}.
     *
     * @param manager    the plugin manager holding the loaded plugins; stop them with {@link #unloadAll}
     * @param plugins    every plugin jar with a valid plugin manifest, sorted by id
     * @param problems   everything that was refused, in the order found
     * @param extensions one instance per extension class and extension point of each started plugin,
     *                   in plugin-id then class-name order; not yet checked for id conflicts
     */
    public record LoadedPlugins(InvariantLabPluginManager manager, List<PluginInfo> plugins,
                                List<PluginProblem> problems, List<PluginExtension> extensions) {
        public LoadedPlugins {
            Objects.requireNonNull(manager, "manager");
            plugins = List.copyOf(plugins);
            problems = List.copyOf(problems);
            extensions = List.copyOf(extensions);
        }
    }

    /**
     * One extension instance from a plugin, offered to the registry.
     *
     * @param spi           the extension point it implements
     * @param extension     the instance
     * @param pluginId      the plugin that provides it
     * @param pluginVersion that plugin's version
     * @param jar           that plugin's jar file name
     * @param className     the extension class's binary name
     */
    public record PluginExtension(Class<? extends LabExtension> spi, LabExtension extension, String pluginId,
                                  String pluginVersion, String jar, String className) {
        public PluginExtension {
            Objects.requireNonNull(spi, "spi");
            Objects.requireNonNull(extension, "extension");
            Objects.requireNonNull(pluginId, "pluginId");
            Objects.requireNonNull(pluginVersion, "pluginVersion");
            Objects.requireNonNull(jar, "jar");
            Objects.requireNonNull(className, "className");
        }
    }
}
