/**
 * Plugin loading with PF4J. Plugins are single jar files in one directory (chosen by
 * {@link org.invariantlab.core.plugin.PluginsDirectory}), each with {@code Plugin-Id},
 * {@code Plugin-Version} and {@code Plugin-Requires} in its manifest and a
 * {@code META-INF/extensions.idx}. {@link org.invariantlab.core.plugin.PluginDirectoryLoader} loads them
 * with an {@link org.invariantlab.core.plugin.InvariantLabPluginManager}, whose
 * {@link org.invariantlab.core.plugin.GuiceExtensionFactory} builds extensions with constructor
 * injection. Every jar, plugin or extension that is refused yields one
 * {@link org.invariantlab.core.plugin.PluginProblem}; the others load regardless.
 */
package org.invariantlab.core.plugin;
