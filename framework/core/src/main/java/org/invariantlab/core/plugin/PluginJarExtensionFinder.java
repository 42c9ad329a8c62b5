package org.invariantlab.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pf4j.LegacyExtensionFinder;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.pf4j.processor.ExtensionStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each plugin's {@code META-INF/extensions.idx} from the plugin's own jar only.
 *
 * <p>PF4J's {@link LegacyExtensionFinder} asks the plugin class loader for the resource, and that loader
 * falls back to the host class path: a plugin jar without an index would then "contain" whatever index
 * the host has. Host extensions are not discovered from the class path at all here; built-ins are bound
 * with Guice (see {@link org.invariantlab.core.registry.ExtensionPointsModule}).
 */
final class PluginJarExtensionFinder extends LegacyExtensionFinder {

    private static final Logger log = LoggerFactory.getLogger(PluginJarExtensionFinder.class);

    PluginJarExtensionFinder(PluginManager pluginManager) {
        super(pluginManager);
    }

    @Override
    public Map<String, Set<String>> readClasspathStorages() {
        return new LinkedHashMap<>();
    }

    @Override
    public Map<String, Set<String>> readPluginsStorages() {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        for (PluginWrapper plugin : pluginManager.getPlugins()) {
            Set<String> classNames = new TreeSet<>();
            ClassLoader loader = plugin.getPluginClassLoader();
            URL index = loader instanceof URLClassLoader own ? own.findResource(EXTENSIONS_RESOURCE) : null;
            if (index != null) {
                try {
                    URLConnection connection = index.openConnection();
                    connection.setUseCaches(false); // do not keep the jar open after the plugin is unloaded
                    try (InputStream in = connection.getInputStream()) {
                        ExtensionStorage.read(new InputStreamReader(in, StandardCharsets.UTF_8), classNames);
                    }
                } catch (IOException e) {
                    log.debug("Cannot read {} of plugin '{}'", EXTENSIONS_RESOURCE, plugin.getPluginId(), e);
                }
            }
            result.put(plugin.getPluginId(), classNames);
        }
        return result;
    }
}
