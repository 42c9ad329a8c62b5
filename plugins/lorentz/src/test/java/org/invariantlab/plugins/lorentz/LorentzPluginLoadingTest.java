package org.invariantlab.plugins.lorentz;

import java.util.Map;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PluginLoadingContract;

/** The module's compiled classes, packed as a plugin jar, start in PF4J and provide {@code lorentz}. */
class LorentzPluginLoadingTest extends PluginLoadingContract {

    @Override
    protected String pluginId() {
        return "lorentz";
    }

    @Override
    protected Map<String, Class<? extends PhysicalSystem>> expectedExtensions() {
        return Map.of("lorentz", LorentzSystem.class);
    }
}
