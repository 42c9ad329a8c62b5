package org.invariantlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.invariantlab.api.ApiVersion;
import org.invariantlab.api.system.PhysicalSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultVersionManager;

/**
 * The loading contract passes on this module's test classes packed as a plugin (they hold
 * {@link LoadableOscillatorSystem} in their generated index) and fails, saying why, when the plugin does not
 * provide what the subclass expects.
 */
class PluginLoadingContractTest {

    /** A contract run with the given hooks; a {@code null} range keeps the default. */
    private static final class Run extends PluginLoadingContract {
        private final Map<String, Class<? extends PhysicalSystem>> expected;
        private final String requires;

        Run(Map<String, Class<? extends PhysicalSystem>> expected, String requires) {
            this.expected = expected;
            this.requires = requires;
        }

        @Override
        protected String pluginId() {
            return "fixture";
        }

        @Override
        protected Map<String, Class<? extends PhysicalSystem>> expectedExtensions() {
            return expected;
        }

        @Override
        protected String pluginRequires() {
            return requires == null ? super.pluginRequires() : requires;
        }
    }

    @TempDir
    Path pluginsDir;

    private static void fails(Executable check, String fragment) {
        AssertionError e = assertThrows(AssertionError.class, check);
        assertTrue(String.valueOf(e.getMessage()).contains(fragment), "message lacks '" + fragment + "': " + e.getMessage());
    }

    @Test
    void aPluginThatProvidesTheExpectedSystemPasses() {
        Run run = new Run(Map.of(LoadableOscillatorSystem.ID, LoadableOscillatorSystem.class), null);
        assertDoesNotThrow(() -> run.pf4jStartsThePluginAndFindsItsSystems(pluginsDir));
    }

    @Test
    void theDefaultRangeFollowsTheCompatibilityPolicyAndAdmitsTheCurrentApi() {
        String range = new Run(Map.of(), null).pluginRequires();
        assertTrue(range.matches(">=\\d+\\.\\d+\\.0 & <\\d+\\.\\d+\\.0"), range);
        assertEquals(ApiVersion.compatibleRange(), range);
        assertTrue(new DefaultVersionManager().checkVersionConstraint(ApiVersion.current(), range),
                "API " + ApiVersion.current() + " outside " + range);
    }

    @Test
    void aWrongSystemIdIsCaught() {
        Run run = new Run(Map.of("pendulum", LoadableOscillatorSystem.class), null);
        fails(() -> run.pf4jStartsThePluginAndFindsItsSystems(pluginsDir), "ids of the systems of plugin 'fixture'");
    }

    @Test
    void aClassMissingFromTheExtensionIndexIsCaught() {
        Run run = new Run(Map.of("oscillator", OscillatorSystem.class), null);
        fails(() -> run.pf4jStartsThePluginAndFindsItsSystems(pluginsDir), "does not list " + OscillatorSystem.class.getName());
    }

    @Test
    void aRangeThatExcludesTheApiIsCaught() {
        Run run = new Run(Map.of(LoadableOscillatorSystem.ID, LoadableOscillatorSystem.class), ">=99.0.0");
        fails(() -> run.pf4jStartsThePluginAndFindsItsSystems(pluginsDir), "state of plugin 'fixture'");
    }

    @Test
    void noExpectedSystemIsRefused() {
        fails(() -> new Run(Map.of(), null).pf4jStartsThePluginAndFindsItsSystems(pluginsDir), "name nothing");
    }
}
