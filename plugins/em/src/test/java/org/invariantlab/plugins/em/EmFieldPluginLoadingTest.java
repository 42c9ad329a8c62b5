package org.invariantlab.plugins.em;

import java.util.Map;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PluginLoadingContract;

/** The module's compiled classes, packed as a plugin jar, start in PF4J and provide {@code em}. */
class EmFieldPluginLoadingTest extends PluginLoadingContract {

    @Override
    protected String pluginId() {
        return "em";
    }

    @Override
    protected Map<String, Class<? extends PhysicalSystem>> expectedExtensions() {
        return Map.of("em", EmFieldSystem.class);
    }
}
