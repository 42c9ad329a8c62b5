package org.invariantlab.plugins.hajeong;

import java.util.Map;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PluginLoadingContract;

/** The module's classes, packed as a plugin jar, start in PF4J and provide the three systems. */
class HaJeongPluginLoadingTest extends PluginLoadingContract {

    @Override
    protected String pluginId() {
        return "ha-jeong";
    }

    @Override
    protected Map<String, Class<? extends PhysicalSystem>> expectedExtensions() {
        return Map.of(S1System.ID, S1System.class, S2System.ID, S2System.class, S3System.ID, S3System.class);
    }
}
