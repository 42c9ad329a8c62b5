package org.invariantlab.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The command line's logging, set up in code (found by logback through {@code META-INF/services}) rather than from
 * an XML file: parsing {@code logback.xml} loaded about 400 classes of XML and pattern machinery and cost a third of a
 * second on every start, {@code --help} included. One appender to standard error, lines {@code LEVEL logger - message};
 * quiet by default, {@link Logging#configure} adjusts the levels once the options are read.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        Line layout = new Line();
        layout.setContext(context);
        layout.start();
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("org.pf4j").setLevel(Level.OFF);
        for (String noisy : new String[] {"edu.jas", "org.matheclipse", "org.nd4j", "org.deeplearning4j"}) {
            context.getLogger(noisy).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code WARN  o.i.c.Runner - message}, and the stack trace when there is one. */
    static final class Line extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent e) {
            StringBuilder b = new StringBuilder(128);
            String level = e.getLevel().toString();
            b.append(level).append(" ".repeat(Math.max(1, 6 - level.length()))).append(shortName(e.getLoggerName()))
                    .append(" - ").append(e.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            if (e.getThrowableProxy() != null) {
                b.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append(CoreConstants.LINE_SEPARATOR);
            }
            return b.toString();
        }

        /** {@code org.invariantlab.core.Runner} → {@code o.i.c.Runner}. */
        static String shortName(String logger) {
            String[] parts = logger.split("\\.");
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < parts.length - 1; i++) {
                b.append(parts[i].isEmpty() ? "" : parts[i].substring(0, 1)).append('.');
            }
            return b.append(parts[parts.length - 1]).toString();
        }
    }
}
