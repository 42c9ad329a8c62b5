package org.invariantlab.core.plugin;

import java.util.Objects;

/**
 * Why one entry of the plugins directory, one plugin or one of its extensions was refused. Every
 * problem is reported exactly once and never stops the remaining plugins from loading.
 *
 * @param source   the file name in the plugins directory the problem is about (e.g. {@code broken.jar},
 *                 or {@code notes/} for a sub-directory), or {@value #BUILT_IN_SOURCE} for a built-in
 *                 extension
 * @param pluginId the plugin's id when it is known, otherwise {@code null}
 * @param reason   what is wrong and how to fix it, one line
 */
public record PluginProblem(String source, String pluginId, String reason) {

    /** {@link #source()} of problems with extensions built into InvariantLab. */
    public static final String BUILT_IN_SOURCE = "built-in";

    public PluginProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        if (source.isBlank() || reason.isBlank()) {
            throw new IllegalArgumentException("a plugin problem needs a source and a reason");
        }
        if (reason.contains("\n") || reason.contains("\r")) {
            throw new IllegalArgumentException("a plugin problem's reason must be one line: " + reason);
        }
        if (pluginId != null && pluginId.isBlank()) {
            pluginId = null;
        }
    }

    /** The problem as one line for users: {@code source: reason}. */
    public String line() {
        return source + ": " + reason;
    }
}
