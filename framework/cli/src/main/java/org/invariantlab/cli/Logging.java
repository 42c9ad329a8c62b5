package org.invariantlab.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log levels of the command line: quiet by default (warnings of our own code only; PF4J's messages are
 * replaced by InvariantLab's one-line plugin problems), detailed with {@code --verbose}.
 */
final class Logging {

    private Logging() {
    }

    static void configure(boolean verbose) {
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext)) {
            return;
        }
        level(org.slf4j.Logger.ROOT_LOGGER_NAME, verbose ? Level.INFO : Level.WARN);
        level("org.invariantlab", verbose ? Level.DEBUG : Level.WARN);
        level("org.pf4j", verbose ? Level.INFO : Level.OFF);
        level("edu.jas", verbose ? Level.WARN : Level.ERROR); // its factoriser's warnings are internal diagnostics
        level("org.matheclipse", Level.WARN);
        level("org.nd4j", Level.WARN);
        level("org.deeplearning4j", Level.WARN);
    }

    private static void level(String name, Level level) {
        ((Logger) LoggerFactory.getLogger(name)).setLevel(level);
    }
}
