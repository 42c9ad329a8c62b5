package org.invariantlab.plugins.dynamics;

import java.util.Map;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PluginLoadingContract;

/** The module's compiled classes, packed as a plugin jar, start in PF4J and provide both systems. */
class DynamicsPluginLoadingTest extends PluginLoadingContract {

    @Override
    protected String pluginId() {
        return "dynamics";
    }

    @Override
    protected Map<String, Class<? extends PhysicalSystem>> expectedExtensions() {
        return Map.of("lotka-volterra", LotkaVolterraSystem.class, "oscillator-2d", Oscillator2dSystem.class);
    }
}
