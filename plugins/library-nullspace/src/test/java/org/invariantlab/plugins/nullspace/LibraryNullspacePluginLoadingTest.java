package org.invariantlab.plugins.nullspace;

import java.util.Map;
import org.invariantlab.api.LabExtension;
import org.invariantlab.api.count.CountingMethod;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PluginLoadingContract;

/** The module's classes, packed as a plugin jar, start in PF4J and provide the library-nullspace counting method. */
class LibraryNullspacePluginLoadingTest extends PluginLoadingContract {

    @Override
    protected String pluginId() {
        return "library-nullspace";
    }

    @Override
    protected Map<String, Class<? extends PhysicalSystem>> expectedExtensions() {
        return Map.of();
    }

    @Override
    protected Map<Class<? extends LabExtension>, Map<String, Class<? extends LabExtension>>> otherExtensions() {
        return Map.of(CountingMethod.class, Map.of(LibraryNullspace.ID, LibraryNullspace.class));
    }
}
