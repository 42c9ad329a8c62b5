/**
 * File output that is never half-written and never replaces a result silently: content goes to a temporary
 * file in the target's folder and is moved into place atomically.
 */
package org.invariantlab.core.io;
