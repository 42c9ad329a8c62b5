package org.invariantlab.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void messagesSayWhereTheDirectoryCameFrom(@TempDir Path tmp) throws IOException {
        Path missing = tmp.resolve("nowhere");
        PluginsDirectory.Choice fromEnv = PluginsDirectory.choose(null,
                Map.of(PluginsDirectory.ENVIRONMENT_VARIABLE, missing.toString()), HOME);
        assertEquals(PluginsDirectory.Origin.ENVIRONMENT, fromEnv.origin());
        InvalidInputException e = assertThrows(InvalidInputException.class, fromEnv::check);
        assertTrue(e.getMessage().startsWith("plugins directory " + missing + " (from $INVARIANTLAB_PLUGINS_DIR) does not"
                + " exist"), e.getMessage());

        Path file = Files.writeString(tmp.resolve("file"), "x");
        InvalidInputException opt = assertThrows(InvalidInputException.class,
                () -> PluginsDirectory.choose(file, Map.of(), HOME).check());
        assertTrue(opt.getMessage().startsWith("plugins directory " + file + " (from --plugins-dir) is a file"), opt.getMessage());

        // the installation's own folder missing is a broken installation, not a usage error
        InvariantLabException install = assertThrows(InvariantLabException.class,
                () -> PluginsDirectory.choose(null, Map.of(), tmp).check());
        assertFalse(install instanceof InvalidInputException);
        assertTrue(install.getMessage().contains("(the installation's plugins folder)"), install.getMessage());

        Files.createDirectories(tmp.resolve("plugins"));
        PluginsDirectory.choose(null, Map.of(), tmp).check();
    }
}
