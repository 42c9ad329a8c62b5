/**
 * File input and output: {@link org.invariantlab.core.io.AtomicFiles} writes output that is never half-written and
 * never replaces a result silently (content goes to a temporary file in the target's folder and is moved into place
 * atomically); {@link org.invariantlab.core.io.IoErrors} says in words why a file operation failed.
 */
package org.invariantlab.core.io;
