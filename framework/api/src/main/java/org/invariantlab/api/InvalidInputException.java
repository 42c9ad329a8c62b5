package org.invariantlab.api;

/**
 * A usage error: the input itself is wrong (a bad option value, an unknown id, a parameter outside its range, a
 * malformed spec file) and nothing was attempted yet. The command line reports it in one line and exits with the
 * usage code 2, where other {@link InvariantLabException}s (a failure while running) exit with 1. Its message
 * names what is wrong and how to fix it.
 */
public class InvalidInputException extends InvariantLabException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Longest excerpt of the user's input a message quotes ({@link #excerpt}). */
    public static final int EXCERPT_LENGTH = 60;

    /**
     * A short, one-line excerpt of input for quoting in a message: line breaks and control characters become
     * spaces, and text longer than {@value #EXCERPT_LENGTH} characters is cut with "...". A message never echoes
     * more than this of what the user gave, however long that was.
     */
    public static String excerpt(String input) {
        if (input == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        input.strip().codePoints().limit(EXCERPT_LENGTH + 1L)
                .forEach(c -> b.appendCodePoint(Character.isISOControl(c) || c == 0xFFFD ? ' ' : c));
        String one = b.toString().replaceAll(" {2,}", " ").strip();
        return one.codePointCount(0, one.length()) > EXCERPT_LENGTH
                ? one.substring(0, one.offsetByCodePoints(0, EXCERPT_LENGTH - 3)) + "..." : one;
    }
}
