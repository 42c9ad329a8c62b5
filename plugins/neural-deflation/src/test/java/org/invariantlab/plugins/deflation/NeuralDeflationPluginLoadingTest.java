package org.invariantlab.plugins.deflation;

import java.util.Map;
import org.invariantlab.api.LabExtension;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.training.GradientLoss;
import org.invariantlab.testkit.PluginLoadingContract;

/** The module's classes, packed as a plugin jar, start in PF4J and provide the deflation loss. */
class NeuralDeflationPluginLoadingTest extends PluginLoadingContract {

    @Override
    protected String pluginId() {
        return "neural-deflation";
    }

    @Override
    protected Map<String, Class<? extends PhysicalSystem>> expectedExtensions() {
        return Map.of();
    }

    @Override
    protected Map<Class<? extends LabExtension>, Map<String, Class<? extends LabExtension>>> otherExtensions() {
        return Map.of(GradientLoss.class, Map.of(NeuralDeflationLoss.ID, NeuralDeflationLoss.class));
    }
}
