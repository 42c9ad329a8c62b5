package org.invariantlab.plugins.regression;

import java.util.Map;
import org.invariantlab.api.LabExtension;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PluginLoadingContract;

/** The module's classes, packed as a plugin jar, start in PF4J and provide the symbolic-regression interpreter. */
class SymbolicRegressionPluginLoadingTest extends PluginLoadingContract {

    @Override
    protected String pluginId() {
        return "symbolic-regression";
    }

    @Override
    protected Map<String, Class<? extends PhysicalSystem>> expectedExtensions() {
        return Map.of();
    }

    @Override
    protected Map<Class<? extends LabExtension>, Map<String, Class<? extends LabExtension>>> otherExtensions() {
        return Map.of(SymbolicInterpreter.class, Map.of("symbolic-regression", SymbolicRegressionInterpreter.class));
    }
}
