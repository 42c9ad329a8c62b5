package org.invariantlab.core.symbolic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invariantlab.api.InvariantLabException;

/**
 * Renames state variables to reserved internal symbols before Symja sees them, and back afterwards.
 *
 * <p>Symja's relaxed parser lower-cases identifiers longer than one letter ({@code Ex} becomes {@code ex})
 * and gives some short names a built-in meaning ({@code E}, {@code I}, {@code N}, {@code D}, {@code C}).
 * Variable {@code i} of the state space is therefore written {@code ilvar000}, {@code ilvar001}, … inside
 * Symja: lower-case, free of built-in meaning, and, being zero-padded, ordered as the state space orders
 * its variables, so Symja's canonical term order follows the state space. An identifier is renamed only
 * where it is not called as a function (not followed by {@code (} or {@code [}).
 */
final class SymbolNames {

    private static final String PREFIX = "ilvar";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern INTERNAL = Pattern.compile(PREFIX + "(\\d{3})");
    private static final int MAX_VARIABLES = 1000;

    private final List<String> variables;
    private final Map<String, Integer> index = new HashMap<>();

    SymbolNames(List<String> variables) {
        this.variables = List.copyOf(variables);
        if (this.variables.size() > MAX_VARIABLES) {
            throw new IllegalArgumentException("at most " + MAX_VARIABLES + " variables, got " + this.variables.size());
        }
        for (int i = 0; i < this.variables.size(); i++) {
            String v = this.variables.get(i);
            if (!IDENTIFIER.matcher(v).matches()) {
                throw new IllegalArgumentException("variable name '" + v + "' is not a plain symbol (letters and digits)");
            }
            if (index.put(v, i) != null) {
                throw new IllegalArgumentException("duplicate variable name '" + v + "'");
            }
        }
    }

    /** The internal Symja symbol of variable {@code i}. */
    static String internal(int i) {
        return String.format("%s%03d", PREFIX, i);
    }

    /** {@code text} with every variable replaced by its internal symbol. */
    String toInternal(String text) {
        Matcher m = IDENTIFIER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        while (m.find()) {
            String token = m.group();
            Integer i = index.get(token);
            String replacement = token;
            if (i != null && !calledAsFunction(text, m.end())) {
                replacement = internal(i);
            } else if (i == null && INTERNAL.matcher(token).matches()) {
                throw new InvariantLabException("the name '" + token + "' in '" + text
                        + "' is reserved for InvariantLab's variable renaming; rename that symbol");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code text} (Symja output or TeX) with every internal symbol replaced by its variable. */
    String toUser(String text) {
        Matcher m = INTERNAL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            int i = Integer.parseInt(m.group(1));
            String replacement = i < variables.size() ? variables.get(i) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean calledAsFunction(String text, int end) {
        int k = end;
        while (k < text.length() && Character.isWhitespace(text.charAt(k))) {
            k++;
        }
        return k < text.length() && (text.charAt(k) == '(' || text.charAt(k) == '[');
    }
}
