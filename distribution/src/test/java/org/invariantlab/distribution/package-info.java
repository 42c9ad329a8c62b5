/**
 * End-to-end tests of the assembled installation: they run {@code bin/invariantlab} as a user would,
 * against the real plugin jars in {@code plugins/}, and build the plugin template from source.
 */
package org.invariantlab.distribution;
