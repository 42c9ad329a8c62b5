package org.invariantlab.core.plugin;

import com.google.inject.Injector;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.invariantlab.api.ApiVersion;
import org.invariantlab.core.registry.ExtensionRecord;
import org.invariantlab.core.util.Throwables;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DependencyResolver;
import org.pf4j.ExtensionFactory;
import org.pf4j.ExtensionFinder;
import org.pf4j.InvalidPluginDescriptorException;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginRepository;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginRepository;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PF4J plugin manager for one directory of plugin jars.
 *
 * <p>Configuration, fixed whatever the system properties say:
 * <ul>
 *   <li>deployment mode; plugins are single {@code .jar} files directly in the directory, read with
 *       {@link JarPluginRepository} (in file-name order), {@link ManifestPluginDescriptorFinder} and
 *       {@link JarPluginLoader}; zip plugins, {@code plugin.properties} and {@code enabled.txt} /
 *       {@code disabled.txt} are not used;</li>
 *   <li>system version = {@link ApiVersion#current()}, so {@code Plugin-Requires} is enforced;</li>
 *   <li>{@code IGNORE_PLUGIN_AND_CONTINUE}: a plugin with unresolved dependencies is unloaded instead of
 *       stopping every plugin from loading; dependency cycles are broken the same way;</li>
 *   <li>extensions are created by a {@link GuiceExtensionFactory}, whose injector
 *       {@link #setInjector(Injector)} supplies after construction;</li>
 *   <li>extension indexes are read from each plugin's own jar only (see {@link PluginJarExtensionFinder}).</li>
 * </ul>
 *
 * <p>Whatever goes wrong with a jar is recorded as one {@link PluginProblem} (see {@link #problems()})
 * rather than thrown or left to PF4J's log: a jar that is not a valid zip, has no manifest or no
 * {@code Plugin-Id}, has an invalid version or version range, repeats another jar's plugin id, needs a
 * newer API, misses a plugin it depends on, or fails to start. {@link #loadPluginFromPath(Path)}
 * therefore returns {@code null} for a refused jar instead of throwing; {@link #loadPlugin(Path)} throws
 * with the recorded line.
 */
public class InvariantLabPluginManager extends DefaultPluginManager {

    private static final Logger log = LoggerFactory.getLogger(InvariantLabPluginManager.class);

    private static final String NOT_A_PLUGIN = "not an InvariantLab plugin: ";

    private final Path directory;
    private final List<PluginProblem> problems = new ArrayList<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    /** Every plugin that got past loading, by id, including those unloaded later. */
    private final Map<String, PluginWrapper> loaded = new LinkedHashMap<>();

    /** @param directory the plugins directory; must exist (see {@link PluginDirectoryLoader}) */
    public InvariantLabPluginManager(Path directory) {
        super(List.of(Objects.requireNonNull(directory, "directory")));
        this.directory = directory;
        setSystemVersion(ApiVersion.current());
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    /** Gives the extension factory its host injector; call before asking for extensions. */
    public void setInjector(Injector injector) {
        guiceExtensionFactory().setInjector(injector);
    }

    /** The Guice-backed extension factory. */
    public GuiceExtensionFactory guiceExtensionFactory() {
        return (GuiceExtensionFactory) getExtensionFactory();
    }

    /** The plugins directory. */
    public Path directory() {
        return directory;
    }

    /** Problems recorded so far, in the order they were found. */
    public List<PluginProblem> problems() {
        return List.copyOf(problems);
    }

    /**
     * Every plugin whose jar had a valid plugin manifest, by id in file-name order, including plugins
     * that were disabled, failed or were unloaded afterwards.
     */
    public Map<String, PluginWrapper> loadedPlugins() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(loaded));
    }

    /** Why the plugin with this id does not work, or {@code null} if nothing was recorded against it. */
    public String failure(String pluginId) {
        return failures.get(pluginId);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        JarPluginRepository repository = new JarPluginRepository(getPluginsRoots());
        repository.setFilter(PluginDirectoryLoader::isJarFile);
        repository.setComparator(Comparator.comparing(File::getName));
        return repository;
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this);
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new ManifestPluginDescriptorFinder();
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        // runs inside the super constructor: no field of this class is assigned yet
        GuiceExtensionFactory factory = new GuiceExtensionFactory(this);
        addPluginStateListener(factory);
        return factory;
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        PluginJarExtensionFinder finder = new PluginJarExtensionFinder(this);
        addPluginStateListener(finder);
        return finder;
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return new PluginClassFactory();
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new InMemoryPluginStatus();
    }

    /**
     * Loads one jar, or records why it cannot be loaded and returns {@code null}. A plugin whose
     * {@code Plugin-Requires} excludes this API version is loaded in state {@code DISABLED} and recorded.
     */
    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        String file = pluginPath.getFileName().toString();
        String pluginId = null;
        try {
            Manifest manifest = readManifest(pluginPath);
            if (manifest == null) {
                record(file, null, NOT_A_PLUGIN + "it has no META-INF/MANIFEST.MF" + notAPluginFix());
                return null;
            }
            pluginId = manifest.getMainAttributes().getValue(ManifestPluginDescriptorFinder.PLUGIN_ID);
            if (pluginId == null || pluginId.isBlank()) {
                record(file, null, NOT_A_PLUGIN + "its manifest has no Plugin-Id" + notAPluginFix());
                return null;
            }
            PluginWrapper plugin = super.loadPluginFromPath(pluginPath);
            loaded.put(plugin.getPluginId(), plugin);
            if (plugin.getPluginState() == PluginState.DISABLED) {
                fail(plugin, requiresReason(plugin.getDescriptor()));
            }
            return plugin;
        } catch (ZipException e) {
            record(file, null, "not a valid jar (zip) file: " + Throwables.firstLine(e.getMessage())
                    + " — rebuild it or remove it from " + directory);
        } catch (IOException e) {
            record(file, null, Files.isReadable(pluginPath)
                    ? "cannot be read: " + Throwables.oneLine(e) + " — rebuild it or remove it from " + directory
                    : "cannot be read (no read permission) — fix its permissions or remove it from " + directory);
        } catch (InvalidPluginDescriptorException e) {
            record(file, pluginId, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            log.debug("Cannot load plugin from {}", pluginPath, e);
            record(file, pluginId, (pluginId == null ? "" : "plugin '" + pluginId + "' ")
                    + "cannot be loaded: " + Throwables.oneLine(e) + " — rebuild it or remove it from " + directory);
        }
        return null;
    }

    /**
     * Checks the manifest entries PF4J reads, with messages that say how to fix them: id present and not
     * reserved, id not taken by another jar, version present and semantic, version range parseable.
     */
    @Override
    protected void validatePluginDescriptor(PluginDescriptor descriptor) {
        String id = descriptor.getPluginId();
        if (id == null || id.isBlank()) {
            throw new InvalidPluginDescriptorException(NOT_A_PLUGIN + "its manifest has no Plugin-Id" + notAPluginFix());
        }
        if (ExtensionRecord.BUILT_IN.equals(id)) {
            throw new InvalidPluginDescriptorException("plugin id '" + id + "' is reserved for InvariantLab's own"
                    + " extensions — rebuild the plugin with another Plugin-Id");
        }
        PluginWrapper other = getPlugin(id);
        if (other != null) {
            throw new InvalidPluginDescriptorException("plugin id '" + id + "' is already used by "
                    + other.getPluginPath().getFileName() + "; ignoring this jar — remove one of the two from "
                    + directory);
        }
        String version = descriptor.getVersion();
        if (version == null || version.isBlank()) {
            throw new InvalidPluginDescriptorException("plugin '" + id + "' has no Plugin-Version in its manifest"
                    + " — rebuild it with a semantic version such as 1.0.0");
        }
        try {
            getVersionManager().compareVersions(version, version);
        } catch (RuntimeException e) {
            throw new InvalidPluginDescriptorException("plugin '" + id + "' has an invalid Plugin-Version '" + version
                    + "' (expected a semantic version such as 1.0.0) — rebuild it");
        }
        try {
            getVersionManager().checkVersionConstraint(getSystemVersion(), effectiveRequires(descriptor));
        } catch (RuntimeException e) {
            throw new InvalidPluginDescriptorException("plugin '" + id + "' has an invalid Plugin-Requires '"
                    + descriptor.getRequires() + "' (expected a version range such as " + ApiVersion.compatibleRange()
                    + ") — rebuild it");
        }
        checkBuiltAgainst(id, descriptor);
        for (PluginDependency dependency : descriptor.getDependencies()) {
            String range = dependency.getPluginVersionSupport();
            try {
                getVersionManager().checkVersionConstraint("0.0.0", range);
            } catch (RuntimeException e) {
                throw new InvalidPluginDescriptorException("plugin '" + id + "' has an invalid version range '" + range
                        + "' for plugin '" + dependency.getPluginId() + "' in Plugin-Dependencies — rebuild it");
            }
        }
    }

    /**
     * The API compatibility policy ({@link ApiVersion}): a plugin says which API it was built against by the lower
     * bound of its {@code Plugin-Requires}; one built against an older line is refused here, naming both versions
     * (PF4J's range check alone would accept a 0.1 plugin that declared {@code <1.0.0}). A plugin built against a
     * newer version is left to the range check, which disables it with {@link #requiresReason}.
     */
    private void checkBuiltAgainst(String id, PluginDescriptor descriptor) {
        String host = getSystemVersion();
        String built = ApiVersion.builtAgainst(effectiveRequires(descriptor)).orElse(null);
        if (built == null) {
            throw new InvalidPluginDescriptorException("plugin '" + id + "' does not say which InvariantLab API it was"
                    + " built against (Plugin-Requires '" + effectiveRequires(descriptor) + "' has no lower bound) —"
                    + " rebuild it against " + host + " with Plugin-Requires: " + ApiVersion.compatibleRange());
        }
        if (ApiVersion.compare(built, host) < 0 && !ApiVersion.compatible(built, host)) {
            throw new InvalidPluginDescriptorException("plugin '" + id + "' was built against InvariantLab API " + built
                    + " but this is " + host + ", and API " + ApiVersion.line(built) + ".x plugins do not run on "
                    + ApiVersion.line(host) + ".x — rebuild it against " + host
                    + " (docs/plugin-development.md, \"Porting a plugin\")");
        }
    }

    /** Loads every jar, then records the plugins that dependency resolution unloaded and why. */
    @Override
    public void loadPlugins() {
        super.loadPlugins();
        recordUnresolved();
    }

    /**
     * Loads one more jar and resolves it with the plugins already loaded.
     *
     * @return the plugin id
     * @throws IllegalArgumentException if the file does not exist
     * @throws PluginRuntimeException   if the jar is refused; the message is the {@link PluginProblem#line()}
     *                                  also recorded in {@link #problems()}
     */
    @Override
    public String loadPlugin(Path pluginPath) {
        if (pluginPath == null || Files.notExists(pluginPath)) {
            throw new IllegalArgumentException("plugin file " + pluginPath + " does not exist");
        }
        PluginWrapper plugin = loadPluginFromPath(pluginPath);
        if (plugin == null) {
            throw new PluginRuntimeException("{}", problems.get(problems.size() - 1).line());
        }
        resolvePlugins();
        recordUnresolved();
        return plugin.getPluginId();
    }

    private void recordUnresolved() {
        for (PluginWrapper plugin : loaded.values()) {
            String id = plugin.getPluginId();
            if (getPlugin(id) == null && !failures.containsKey(id)) {
                fail(plugin, unresolvedReason(plugin.getDescriptor()));
            }
        }
    }

    /** Resolves dependencies; a dependency cycle unloads its members instead of failing every plugin. */
    @Override
    protected void resolvePlugins() {
        try {
            super.resolvePlugins();
        } catch (DependencyResolver.CyclicDependencyException e) {
            List<List<String>> cycles = dependencyCycles();
            for (List<String> cycle : cycles) {
                String path = String.join(" -> ", cycle) + " -> " + cycle.get(0);
                for (String id : cycle) {
                    if (!failures.containsKey(id)) {
                        PluginWrapper plugin = loaded.get(id);
                        fail(plugin, label(plugin.getDescriptor()) + " is part of a dependency cycle (" + path
                                + "); it is not loaded — remove the cycle from the plugins' Plugin-Dependencies");
                    }
                }
            }
            for (List<String> cycle : cycles) {
                for (String id : cycle) {
                    if (getPlugin(id) != null) {
                        unloadPlugin(id, false, false);
                    }
                }
            }
            super.resolvePlugins();
        }
    }

    /** Starts the resolved plugins, then records those that failed to start. */
    @Override
    public void startPlugins() {
        super.startPlugins();
        for (PluginWrapper plugin : getResolvedPlugins()) {
            if (plugin.getPluginState() == PluginState.FAILED && !failures.containsKey(plugin.getPluginId())) {
                Throwable cause = plugin.getFailedException();
                String why = cause == null ? "no reason given"
                        : cause instanceof PluginClassFactory.PluginClassException ? cause.getMessage()
                        : Throwables.oneLine(Throwables.unwrapReflection(cause));
                log.debug("Plugin '{}' failed to start", plugin.getPluginId(), cause);
                fail(plugin, label(plugin.getDescriptor()) + " failed to start: " + why + " — fix or remove "
                        + file(plugin));
            }
        }
    }

    private void record(String source, String pluginId, String reason) {
        PluginProblem problem = new PluginProblem(source, pluginId, reason);
        problems.add(problem);
        log.debug("Plugin problem: {}", problem.line());
    }

    /** Records a problem that leaves a loaded plugin not working. */
    private void fail(PluginWrapper plugin, String reason) {
        record(file(plugin), plugin.getPluginId(), reason);
        failures.putIfAbsent(plugin.getPluginId(), reason);
    }

    private static Manifest readManifest(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest();
        }
    }

    private String notAPluginFix() {
        return " — remove it from " + directory + ", or rebuild it with Plugin-Id and Plugin-Version manifest entries";
    }

    private String requiresReason(PluginDescriptor d) {
        String requires = effectiveRequires(d);
        if (getVersionManager().checkVersionConstraint(getSystemVersion(), requires)) {
            return label(d) + " is disabled — remove it from " + directory + " or re-enable it";
        }
        return label(d) + " requires InvariantLab API " + requires + " but this is " + getSystemVersion()
                + "; use an older plugin release or upgrade InvariantLab";
    }

    private String effectiveRequires(PluginDescriptor d) {
        String requires = d.getRequires() == null ? "*" : d.getRequires().trim();
        return !isExactVersionAllowed() && requires.matches("^\\d+\\.\\d+\\.\\d+$") ? ">=" + requires : requires;
    }

    /** Why dependency resolution dropped this plugin, from the plugins that were loaded alongside it. */
    private String unresolvedReason(PluginDescriptor d) {
        String self = label(d);
        for (PluginDependency dependency : d.getDependencies()) {
            if (dependency.isOptional()) {
                continue;
            }
            String depId = dependency.getPluginId();
            String range = dependency.getPluginVersionSupport();
            PluginWrapper dep = loaded.get(depId);
            if (dep == null) {
                return self + " depends on plugin '" + depId + "'" + (isAny(range) ? "" : " " + range)
                        + ", which is not installed; add it to " + directory + " or remove " + jarOf(d);
            }
            String depVersion = dep.getDescriptor().getVersion();
            if (!isAny(range) && !getVersionManager().checkVersionConstraint(depVersion, range)) {
                return self + " depends on plugin '" + depId + "' " + range + " but '" + depId + "' " + depVersion
                        + " is installed; install a matching '" + depId + "' or remove " + jarOf(d);
            }
            if (getPlugin(depId) == null) {
                return self + " depends on plugin '" + depId + "', which could not be loaded (see "
                        + file(dep) + "); fix that plugin or remove " + jarOf(d);
            }
        }
        for (PluginWrapper other : loaded.values()) {
            for (PluginDependency dependency : other.getDescriptor().getDependencies()) {
                String range = dependency.getPluginVersionSupport();
                if (dependency.getPluginId().equals(d.getPluginId()) && !isAny(range)
                        && !getVersionManager().checkVersionConstraint(d.getVersion(), range)) {
                    return self + " was unloaded because plugin '" + other.getPluginId() + "' needs '"
                            + d.getPluginId() + "' " + range + "; install a matching '" + d.getPluginId()
                            + "' or remove " + file(other);
                }
            }
        }
        return self + " could not be resolved against the other plugins and was unloaded; check its"
                + " Plugin-Dependencies";
    }

    /** The dependency cycles among the plugins currently loaded, each as a list of ids, sorted. */
    private List<List<String>> dependencyCycles() {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        List<String> ids = getPlugins().stream().map(PluginWrapper::getPluginId).sorted().toList();
        for (String id : ids) {
            edges.put(id, getPlugin(id).getDescriptor().getDependencies().stream()
                    .map(PluginDependency::getPluginId).filter(dep -> getPlugin(dep) != null).sorted().toList());
        }
        List<List<String>> cycles = new ArrayList<>();
        Set<String> assigned = new HashSet<>();
        for (String start : ids) {
            if (assigned.contains(start)) {
                continue;
            }
            List<String> path = pathBack(edges, start);
            if (!path.isEmpty()) {
                assigned.addAll(path);
                cycles.add(path);
            }
        }
        return cycles;
    }

    /** A dependency path from {@code start} back to itself (start first), or empty if there is none. */
    private static List<String> pathBack(Map<String, List<String>> edges, String start) {
        Map<String, String> parent = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String node = queue.removeFirst();
            for (String next : edges.getOrDefault(node, List.of())) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String n = node; n != null; n = parent.get(n)) {
                        path.add(0, n);
                    }
                    return path;
                }
                if (seen.add(next)) {
                    parent.put(next, node);
                    queue.addLast(next);
                }
            }
        }
        return List.of();
    }

    private static boolean isAny(String range) {
        return range == null || range.isBlank() || "*".equals(range.trim());
    }

    private static String label(PluginDescriptor d) {
        return "plugin '" + d.getPluginId() + "' " + d.getVersion();
    }

    private String jarOf(PluginDescriptor d) {
        PluginWrapper plugin = loaded.get(d.getPluginId());
        return plugin == null ? "it" : file(plugin);
    }

    private static String file(PluginWrapper plugin) {
        return plugin.getPluginPath().getFileName().toString();
    }

    /** Plugin status without {@code enabled.txt}/{@code disabled.txt}: enabled unless disabled in this run. */
    private static final class InMemoryPluginStatus implements PluginStatusProvider {

        private final Set<String> disabled = Collections.synchronizedSet(new HashSet<>());

        @Override
        public boolean isPluginDisabled(String pluginId) {
            return disabled.contains(pluginId);
        }

        @Override
        public void disablePlugin(String pluginId) {
            disabled.add(pluginId);
        }

        @Override
        public void enablePlugin(String pluginId) {
            disabled.remove(pluginId);
        }
    }
}
