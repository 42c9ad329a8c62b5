package org.invariantlab.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The one YAML reader of the project, for run specs and comparison grids alike: a document as a Jackson tree that
 * remembers the line of every value, so that every problem can be reported with its line, and the typed readers
 * ({@code SpecFiles}, {@code GridFile}) bind it with Jackson's {@code treeToValue}. Scalars stay text (YAML 1.1's
 * implicit {@code yes}/{@code no} booleans do not surprise anyone); Jackson converts them to the record's types.
 * Anchors and aliases are refused (neither a spec nor a grid needs them), as is a second document; a key given twice
 * is a {@link Problem} with both lines.
 *
 * @param root  the document; {@code null} for an empty one (no document, or only comments)
 * @param lines line (1-based) of each value, by JSON pointer ({@code /methods/0/count/epochs})
 */
public record YamlDocument(JsonNode root, Map<String, Integer> lines) {

    /**
     * Something wrong at a line that does not stop the reading (a key given twice: the first is kept).
     *
     * @param line    1-based
     * @param message what is wrong and how to fix it
     */
    public record Problem(int line, String message) {
    }

    /**
     * Parses {@code text}; a syntax error, anchors or a second document are one line naming {@code source} and the
     * line ({@link InvalidInputException}); other problems are added to {@code problems}.
     *
     * @param what what the file is, for messages ("a grid", "a run spec")
     */
    public static YamlDocument parse(String text, String source, String what, List<Problem> problems) {
        Node node;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported below, with both lines
            options.setMaxAliasesForCollections(0);
            node = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            String problem = String.valueOf(e.getProblem());
            if ((problem + e.getContext()).contains("single document")) {
                throw new InvalidInputException(source + " line " + line + ": a second YAML document starts here; "
                        + what + " is one document (remove the extra '---' and what follows it)");
            }
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw new InvalidInputException(source + " line " + line + ": not valid YAML ("
                    + InvalidInputException.excerpt(context + problem) + ")");
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            throw new InvalidInputException(source + ": " + (m.contains("aliases") ? "anchors and aliases (&name, *name) "
                    + "are not supported in " + what + "; write the values out where they are used"
                    : "not valid YAML (" + InvalidInputException.excerpt(m.lines().findFirst().orElse("")) + ")"));
        }
        if (node == null) {
            return new YamlDocument(null, new HashMap<>());
        }
        Map<String, Integer> lines = new HashMap<>();
        JsonNode root = convert(node, "", lines, problems);
        return new YamlDocument(root, lines);
    }

    /** Whether the document is empty (no document, or only comments). */
    public boolean empty() {
        return root == null || root.isNull();
    }

    /** The line of the value at {@code pointer}, or of its nearest parent; 0 if unknown. */
    public int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            int cut = p.lastIndexOf('/');
            if (cut < 0) {
                return 0;
            }
            p = p.substring(0, cut);
        }
    }

    private static JsonNode convert(Node node, String pointer, Map<String, Integer> lines, List<Problem> problems) {
        int line = node.getStartMark().getLine() + 1;
        lines.put(pointer, line);
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node instanceof MappingNode m) {
            ObjectNode o = f.objectNode();
            Map<String, Integer> seen = new HashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    problems.add(new Problem(t.getKeyNode().getStartMark().getLine() + 1, "a key must be a plain word"));
                    continue;
                }
                String key = k.getValue();
                int keyLine = k.getStartMark().getLine() + 1;
                Integer earlier = seen.putIfAbsent(key, keyLine);
                if (earlier != null) {
                    problems.add(new Problem(keyLine, "key '" + InvalidInputException.excerpt(key) + "' appears a "
                            + "second time (first on line " + earlier + "); keep one of them"));
                    continue;
                }
                String child = pointer + "/" + key;
                o.set(key, convert(t.getValueNode(), child, lines, problems));
                lines.put(child, keyLine);
            }
            return o;
        }
        if (node instanceof SequenceNode s) {
            ArrayNode a = f.arrayNode();
            int i = 0;
            for (Node item : s.getValue()) {
                a.add(convert(item, pointer + "/" + i++, lines, problems));
            }
            return a;
        }
        ScalarNode sc = (ScalarNode) node;
        if (sc.getTag().equals(Tag.NULL)) {
            return f.nullNode();
        }
        return f.textNode(sc.getValue());
    }
}
