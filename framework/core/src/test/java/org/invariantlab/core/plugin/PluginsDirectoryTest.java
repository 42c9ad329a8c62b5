package org.invariantlab.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginsDirectoryTest {

    private static final Path OPTION = Path.of("/opt/option-plugins");
    private static final Path HOME = Path.of("/opt/invariantlab");
    private static final Map<String, String> ENV = Map.of(PluginsDirectory.ENVIRONMENT_VARIABLE, "/srv/env-plugins");

    @Test
    void optionWinsOverEverything() {
        assertEquals(OPTION, PluginsDirectory.resolve(OPTION, ENV, HOME));
    }

    @Test
    void environmentWinsOverInstallation() {
        assertEquals(Path.of("/srv/env-plugins"), PluginsDirectory.resolve(null, ENV, HOME));
    }

    @Test
    void blankEnvironmentIsIgnored() {
        assertEquals(HOME.resolve("plugins"),
                PluginsDirectory.resolve(null, Map.of(PluginsDirectory.ENVIRONMENT_VARIABLE, "  "), HOME));
    }

    @Test
    void installationThenWorkingDirectory() {
        assertEquals(HOME.resolve("plugins"), PluginsDirectory.resolve(null, Map.of(), HOME));
        assertEquals(Path.of("plugins").toAbsolutePath().normalize(), PluginsDirectory.resolve(null, Map.of(), null));
    }

    @Test
    void resultIsAbsoluteAndNormalised() {
        Path p = PluginsDirectory.resolve(Path.of("a/../b/plugins"), Map.of(), null);
        assertTrue(p.isAbsolute());
        assertEquals(Path.of("b/plugins").toAbsolutePath(), p);
    }
}
