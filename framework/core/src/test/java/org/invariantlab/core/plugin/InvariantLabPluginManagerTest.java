package org.invariantlab.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariantlab.api.ApiVersion;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.core.plugin.fixtures.KeplerSystem;
import org.invariantlab.testkit.PluginJarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.RuntimeMode;

class InvariantLabPluginManagerTest {

    @TempDir
    Path dir;

    @Test
    void fixedConfigurationWhateverTheSystemPropertiesSay() {
        String before = System.getProperty("pf4j.mode");
        System.setProperty("pf4j.mode", "development");
        try {
            InvariantLabPluginManager pm = new InvariantLabPluginManager(dir);
            assertEquals(RuntimeMode.DEPLOYMENT, pm.getRuntimeMode());
            assertEquals(ApiVersion.current(), pm.getSystemVersion());
            assertEquals(dir, pm.directory());
        } finally {
            if (before == null) {
                System.clearProperty("pf4j.mode");
            } else {
                System.setProperty("pf4j.mode", before);
            }
        }
    }

    @Test
    void enabledAndDisabledFilesAreNotConsulted() throws Exception {
        Files.writeString(dir.resolve("disabled.txt"), "kepler\n");
        PluginJarBuilder.plugin("kepler").extensions(KeplerSystem.class).writeTo(dir);
        InvariantLabPluginManager pm = new InvariantLabPluginManager(dir);
        pm.setInjector(Guice.createInjector());
        pm.loadPlugins();
        pm.startPlugins();
        assertEquals(PluginState.STARTED, pm.getPlugin("kepler").getPluginState());
        assertEquals(List.of("kepler"), pm.getExtensions(PhysicalSystem.class).stream().map(PhysicalSystem::id).toList());
        PluginDirectoryLoader.unloadAll(pm);
        assertTrue(pm.getPlugins().isEmpty());
    }

    @Test
    void loadPluginThrowsTheRecordedLineForARefusedJar() {
        InvariantLabPluginManager pm = new InvariantLabPluginManager(dir);
        Path junk = PluginJarBuilder.junk(dir, "junk.jar", "zip? no".getBytes(StandardCharsets.US_ASCII));
        PluginRuntimeException e = assertThrows(PluginRuntimeException.class, () -> pm.loadPlugin(junk));
        assertEquals("junk.jar: not a valid jar (zip) file: zip END header not found — rebuild it or remove it from "
                + dir, e.getMessage());
        assertEquals(1, pm.problems().size());

        Path good = PluginJarBuilder.plugin("late").writeTo(dir);
        assertEquals("late", pm.loadPlugin(good));
        assertEquals(PluginState.RESOLVED, pm.getPlugin("late").getPluginState());

        Path needy = PluginJarBuilder.plugin("needy").dependencies("ghost").writeTo(dir);
        assertEquals("needy", pm.loadPlugin(needy));
        assertEquals("needy-1.0.0.jar: plugin 'needy' 1.0.0 depends on plugin 'ghost', which is not installed; add it to "
                + dir + " or remove needy-1.0.0.jar", pm.problems().get(1).line());
        PluginDirectoryLoader.unloadAll(pm);
    }
}
