/**
 * The {@code invariantlab} command line (picocli). Thin by design: commands parse options, call core and
 * print; no science lives here. Exit codes ({@link org.invariantlab.cli.ExitCodes}): 0 ok, 1 failure, 2 usage error, 3 failed to learn.
 */
package org.invariantlab.cli;
