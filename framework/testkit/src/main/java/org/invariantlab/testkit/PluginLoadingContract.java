package org.invariantlab.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.invariantlab.api.ApiVersion;
import org.invariantlab.api.LabExtension;
import org.invariantlab.api.system.PhysicalSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The packaging contract of a {@link PhysicalSystem} plugin, as an abstract JUnit 5 test: PF4J finds the
 * plugin's systems through the extension index that its annotation processor wrote at compile time, the way
 * an installation loads the plugin's jar. A plugin's test subclasses it and names the plugin id and the
 * systems it must provide.
 *
 * <p>What is checked:
 * <ul>
 *   <li>the compiled classes of the plugin (the directory, normally {@code target/classes}, that holds the
 *       {@link #expectedExtensions() expected classes}) contain {@value PluginJarBuilder#EXTENSIONS_INDEX},
 *       and it lists every expected class;</li>
 *   <li>that directory, packed by {@link PluginJarBuilder#classesFrom(java.nio.file.Path)} into a plugin jar
 *       with {@code Plugin-Id: }{@link #pluginId()} and {@code Plugin-Requires: }{@link #pluginRequires()},
 *       is loaded and <b>started</b> by a PF4J {@link DefaultPluginManager} whose system version is
 *       {@link ApiVersion#current()};</li>
 *   <li>the plugin's {@link PhysicalSystem} extensions are exactly the expected ones: the same ids, each
 *       implemented by the expected class.</li>
 * </ul>
 * Classes shared with the host (the InvariantLab API, PF4J) must not be in that directory; with the API in
 * {@code provided} scope, as the plugin template declares it, they are not.
 */
public abstract class PluginLoadingContract {

    static {
        // PF4J logs through SLF4J, which has no provider on a plugin's test class path; silence its notice
        // (supported since SLF4J 2.0.10). Load failures still fail the assertions.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
    }

    /** The plugin id, as the module's {@code Plugin-Id} manifest entry declares it. */
    protected abstract String pluginId();

    /**
     * Every {@link PhysicalSystem} the plugin provides: extension id to implementing class. The classes must
     * come from the plugin's compiled classes, not from a jar.
     */
    protected abstract Map<String, Class<? extends PhysicalSystem>> expectedExtensions();

    /**
     * The plugin's extensions of the other extension points (samplers, heads, independence losses, interpreters):
     * extension point to (extension id to implementing class). Empty by default; a plugin without systems returns
     * an empty {@link #expectedExtensions()} and lists its extensions here.
     */
    protected Map<Class<? extends LabExtension>, Map<String, Class<? extends LabExtension>>> otherExtensions() {
        return Map.of();
    }

    /**
     * The {@code Plugin-Requires} range of the packed plugin. The default is the range the API's
     * compatibility policy prescribes for a plugin built against this API: {@link ApiVersion#compatibleRange()}.
     */
    protected String pluginRequires() {
        return ApiVersion.compatibleRange();
    }

    @Test
    public final void pf4jStartsThePluginAndFindsItsSystems(@TempDir Path pluginsDir) throws IOException {
        Map<String, Class<? extends PhysicalSystem>> expected = new TreeMap<>(expectedExtensions());
        Map<Class<? extends LabExtension>, Map<String, Class<? extends LabExtension>>> others = otherExtensions();
        assertFalse(expected.isEmpty() && others.isEmpty(), "expectedExtensions() and otherExtensions() name nothing");
        List<Class<?>> all = new ArrayList<>(expected.values());
        others.values().forEach(m -> all.addAll(m.values()));
        Path classes = classesDirectory(all);

        Path index = classes.resolve(PluginJarBuilder.EXTENSIONS_INDEX);
        assertTrue(Files.isRegularFile(index), "the PF4J annotation processor wrote no " + index);
        List<String> indexed = Files.readAllLines(index, StandardCharsets.UTF_8);
        List<Executable> listed = new ArrayList<>();
        for (Class<?> type : all) {
            listed.add(() -> assertTrue(indexed.contains(type.getName()),
                    "the extension index " + index + " does not list " + type.getName()));
        }
        assertAll("extension index", listed);

        String id = pluginId();
        PluginJarBuilder.plugin(id).requires(pluginRequires()).classesFrom(classes).writeTo(pluginsDir);
        PluginManager manager = new DefaultPluginManager(pluginsDir);
        manager.setSystemVersion(ApiVersion.current());
        try {
            manager.loadPlugins();
            manager.startPlugins();
            PluginWrapper plugin = manager.getPlugin(id);
            assertNotNull(plugin, "PF4J did not load a plugin with id '" + id + "' from " + pluginsDir);
            assertEquals(PluginState.STARTED, plugin.getPluginState(), "state of plugin '" + id + "' (requires '"
                    + pluginRequires() + "', system version " + ApiVersion.current() + ")");
            List<PhysicalSystem> systems = manager.getExtensions(PhysicalSystem.class, id);
            assertEquals(List.copyOf(expected.keySet()), systems.stream().map(PhysicalSystem::id).sorted().toList(),
                    "ids of the systems of plugin '" + id + "'");
            for (PhysicalSystem system : systems) {
                assertEquals(expected.get(system.id()).getName(), system.getClass().getName(),
                        "class of system '" + system.id() + "'");
            }
            for (var point : others.entrySet()) {
                List<? extends LabExtension> found = manager.getExtensions(point.getKey(), id);
                assertEquals(new TreeMap<>(point.getValue()).keySet().stream().toList(),
                        found.stream().map(LabExtension::id).sorted().toList(),
                        "ids of the " + point.getKey().getSimpleName() + " extensions of plugin '" + id + "'");
                for (LabExtension e : found) {
                    assertEquals(point.getValue().get(e.id()).getName(), e.getClass().getName(),
                            "class of " + point.getKey().getSimpleName() + " '" + e.id() + "'");
                }
            }
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }

    /** The one directory of compiled classes that holds every expected class. */
    private static Path classesDirectory(List<Class<?>> expected) {
        List<Path> directories = new ArrayList<>();
        for (Class<?> type : expected) {
            Path location = location(type);
            if (!Files.isDirectory(location)) {
                fail(type.getName() + " comes from " + location + ", not from a directory of compiled classes");
            }
            if (!directories.contains(location)) {
                directories.add(location);
            }
        }
        assertEquals(1, directories.size(), "the expected systems come from several class directories: " + directories);
        return directories.get(0);
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        assertNotNull(source, type.getName() + " has no code source");
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }
}
