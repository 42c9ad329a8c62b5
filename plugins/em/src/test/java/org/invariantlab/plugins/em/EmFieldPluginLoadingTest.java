package org.invariantlab.plugins.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariantlab.api.ApiVersion;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PluginJarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * PF4J finds the system through the extension index that its annotation processor wrote at compile time:
 * the compiled classes are packed into a plugin jar (as the module's own jar) and loaded by a plugin
 * manager whose system version is the API version.
 */
class EmFieldPluginLoadingTest {

    static {
        // PF4J logs through SLF4J, which has no provider on this test class path; silence its notice
        // (supported since SLF4J 2.0.10). Load failures still fail the assertions below.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
    }

    @TempDir
    Path pluginsDir;

    @Test
    void pf4jDiscoversTheSystemThroughTheGeneratedIndex() throws Exception {
        Path classes = Path.of(EmFieldSystem.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path index = classes.resolve(PluginJarBuilder.EXTENSIONS_INDEX);
        assertTrue(Files.isRegularFile(index), "the PF4J annotation processor wrote no " + index);
        assertTrue(Files.readAllLines(index, StandardCharsets.UTF_8).contains(EmFieldSystem.class.getName()),
                "the extension index does not list " + EmFieldSystem.class.getName());

        PluginJarBuilder.plugin("em").version("0.1.0").requires(">=0.1.0 & <1.0.0").classesFrom(classes).writeTo(pluginsDir);
        PluginManager manager = new DefaultPluginManager(pluginsDir);
        manager.setSystemVersion(ApiVersion.current());
        try {
            manager.loadPlugins();
            manager.startPlugins();
            assertEquals(PluginState.STARTED, manager.getPlugin("em").getPluginState());
            List<PhysicalSystem> systems = manager.getExtensions(PhysicalSystem.class, "em");
            assertEquals(List.of("em"), systems.stream().map(PhysicalSystem::id).toList());
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }
}
