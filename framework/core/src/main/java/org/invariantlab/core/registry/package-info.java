/**
 * The extension registry: {@link org.invariantlab.core.registry.ExtensionPoints} lists the extension
 * points, {@link org.invariantlab.core.registry.ExtensionPointsModule} declares a Guice set per point
 * for built-ins, and {@link org.invariantlab.core.registry.ExtensionRegistry} holds every built-in and
 * plugin extension keyed by (extension point, id), each tagged with its origin.
 */
package org.invariantlab.core.registry;
