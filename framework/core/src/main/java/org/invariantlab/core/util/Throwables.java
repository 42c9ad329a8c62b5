package org.invariantlab.core.util;

import java.lang.reflect.InvocationTargetException;
import java.util.Objects;

/** Turns exceptions into the one-line explanations InvariantLab shows users. */
public final class Throwables {

    private Throwables() {
    }

    /**
     * {@code SimpleName: first non-blank line of the message}, or just the simple name when the message is
     * empty; e.g. {@code IllegalStateException: no licence found}.
     */
    public static String oneLine(Throwable t) {
        Objects.requireNonNull(t, "t");
        String name = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
        String message = firstLine(t.getMessage());
        return message.isEmpty() ? name : name + ": " + message;
    }

    /** The first non-blank line of {@code text}, stripped; empty for {@code null} or blank text. */
    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    /**
     * The exception thrown by the code that was actually called: unwraps
     * {@link InvocationTargetException} and {@link ExceptionInInitializerError} chains.
     */
    public static Throwable unwrapReflection(Throwable t) {
        Throwable current = Objects.requireNonNull(t, "t");
        while ((current instanceof InvocationTargetException || current instanceof ExceptionInInitializerError)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
