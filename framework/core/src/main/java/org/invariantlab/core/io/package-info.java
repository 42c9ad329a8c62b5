/**
 * File input and output: {@link org.invariantlab.core.io.AtomicFiles} writes output that is never half-written and
 * never replaces a result silently (content goes to a temporary file in the target's folder and is moved into place
 * atomically); {@link org.invariantlab.core.io.OutputPaths} holds the rules every output path obeys before any work
 * (real paths, no devices, pipes or dangling links, no overlap with an input); {@link org.invariantlab.core.io.FolderLock}
 * keeps a second process out of a folder filled in place; {@link org.invariantlab.core.io.IoErrors} and
 * {@link org.invariantlab.core.io.Json#problem} say in words why a file operation failed;
 * {@link org.invariantlab.core.io.YamlDocument} is the one YAML reader (run specs and grids), keeping the line of every
 * value for messages.
 */
package org.invariantlab.core.io;
