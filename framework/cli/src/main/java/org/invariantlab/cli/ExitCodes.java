package org.invariantlab.cli;

/**
 * The exit codes of the {@code invariantlab} command, one home for all of them (documented in the README
 * and in {@code --help}).
 */
final class ExitCodes {

    /** The command did what was asked. */
    static final int OK = 0;

    /** A failure while running (I/O error, a reading or sampling that failed, out of memory). */
    static final int FAILURE = 1;

    /** A usage error: bad option value, unknown id, invalid parameter, bad spec or data file. */
    static final int USAGE = 2;

    /** Training ran but the network learned nothing (chance-level accuracy, or divergence). */
    static final int FAILED_TO_LEARN = 3;

    /** {@code rerun}: the cell ran again, and some metric differs from the stored one. */
    static final int DIFFERS = 4;

    private ExitCodes() {
    }
}
