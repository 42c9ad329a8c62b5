/**
 * The {@code invariantlab} command line (picocli). Thin by design: commands parse options, call core and
 * print; no science lives here. Exit codes: 0 ok, 1 failure, 2 usage error.
 */
package org.invariantlab.cli;
