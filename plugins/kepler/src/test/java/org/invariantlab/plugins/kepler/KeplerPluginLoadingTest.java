package org.invariantlab.plugins.kepler;

import java.util.Map;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PluginLoadingContract;

/**
 * The module's compiled classes, packed as a plugin jar, start in PF4J and provide both Kepler systems,
 * {@code kepler} and {@code kepler-fixed-l}.
 */
class KeplerPluginLoadingTest extends PluginLoadingContract {

    @Override
    protected String pluginId() {
        return "kepler";
    }

    @Override
    protected Map<String, Class<? extends PhysicalSystem>> expectedExtensions() {
        return Map.of("kepler", KeplerSystem.class, "kepler-fixed-l", KeplerFixedLSystem.class);
    }
}
