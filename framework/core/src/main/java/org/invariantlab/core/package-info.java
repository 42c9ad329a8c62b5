/**
 * InvariantLab's core: {@link org.invariantlab.core.InvariantLab} starts the host Guice injector
 * ({@link org.invariantlab.core.CoreModule}), loads the plugins and builds the extension registry.
 */
package org.invariantlab.core;
