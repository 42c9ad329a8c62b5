/**
 * Small helpers shared by the core packages, such as turning an exception into the one line a user
 * reads.
 */
package org.invariantlab.core.util;
