package org.invariantlab.plugins.dynamics;

import java.util.Map;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PluginLoadingContract;

/** The module's compiled classes, packed as a plugin jar, start in PF4J and provide every system. */
class DynamicsPluginLoadingTest extends PluginLoadingContract {

    @Override
    protected String pluginId() {
        return "dynamics";
    }

    @Override
    protected Map<String, Class<? extends PhysicalSystem>> expectedExtensions() {
        return Map.ofEntries(Map.entry("lotka-volterra", LotkaVolterraSystem.class),
                Map.entry("oscillator-2d", Oscillator2dSystem.class),
                Map.entry("damped-oscillator", DampedOscillatorSystem.class),
                Map.entry("toda-3", Toda3System.class), Map.entry("toda-4", Toda4System.class),
                Map.entry("toda-5", Toda5System.class), Map.entry("toda-6", Toda6System.class),
                Map.entry("toda-3-relative", Toda3RelativeSystem.class),
                Map.entry("toda-4-relative", Toda4RelativeSystem.class),
                Map.entry("toda-5-relative", Toda5RelativeSystem.class),
                Map.entry("toda-6-relative", Toda6RelativeSystem.class),
                Map.entry("fput-3", Fput3System.class), Map.entry("fput-4", Fput4System.class),
                Map.entry("fput-5", Fput5System.class), Map.entry("fput-6", Fput6System.class),
                Map.entry("calogero-moser-3", CalogeroMoser3System.class),
                Map.entry("calogero-moser-4", CalogeroMoser4System.class),
                Map.entry("calogero-moser-5", CalogeroMoser5System.class));
    }
}
