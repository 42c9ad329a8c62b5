package org.invariantlab.core.plugin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What InvariantLab knows about one plugin jar that had a valid plugin manifest.
 *
 * @param id          the plugin id ({@code Plugin-Id})
 * @param version     the plugin version ({@code Plugin-Version})
 * @param state       PF4J's state: {@code STARTED} when it works, else {@code DISABLED} (needs another API
 *                    version), {@code FAILED} (did not start) or {@code UNLOADED} (unresolved dependencies)
 * @param jar         the jar's file name in the plugins directory
 * @param description {@code Plugin-Description}, empty when absent
 * @param requires    {@code Plugin-Requires}, the API versions it accepts; {@code *} when absent
 * @param extensions  extension ids it contributed to the registry, keyed by extension point simple name
 *                    (e.g. {@code PhysicalSystem}), in the order of
 *                    {@link org.invariantlab.core.registry.ExtensionPoints}; points without any are absent
 * @param failure     why the plugin is not working, or {@code null} when it is started
 */
public record PluginInfo(String id, String version, String state, String jar, String description, String requires,
                         Map<String, List<String>> extensions, String failure) {

    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(jar, "jar");
        description = description == null ? "" : description;
        requires = requires == null || requires.isBlank() ? "*" : requires;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(extensions, "extensions").forEach((k, v) -> copy.put(k, List.copyOf(v)));
        extensions = Collections.unmodifiableMap(copy);
    }

    /** Whether the plugin is started and its extensions are usable. */
    public boolean isStarted() {
        return "STARTED".equals(state);
    }

    /** This plugin with the given extension ids. */
    public PluginInfo withExtensions(Map<String, List<String>> extensionIds) {
        return new PluginInfo(id, version, state, jar, description, requires, extensionIds, failure);
    }
}
