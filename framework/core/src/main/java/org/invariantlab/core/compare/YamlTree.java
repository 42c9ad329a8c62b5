package org.invariantlab.core.compare;

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
 * A YAML document as a Jackson tree that remembers the line of every value, so that every problem of a grid can
 * be reported with its line. Scalars stay text (YAML 1.1's implicit {@code yes}/{@code no} booleans do not
 * surprise anyone); the typed readers convert them. Anchors and aliases are refused (a grid does not need them).
 *
 * @param root  the document
 * @param lines line (1-based) of each value, by JSON pointer ({@code /methods/0/count/epochs})
 */
record YamlTree(JsonNode root, Map<String, Integer> lines) {

    /** Parses {@code text}; a syntax error is one line naming {@code source} and the line. */
    static YamlTree parse(String text, String source, List<GridProblem> problems) {
        Node node;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported below, with both lines
            options.setMaxAliasesForCollections(0);
            node = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new InvalidInputException(source + " line " + line + ": not valid YAML (" + e.getProblem() + ")");
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            throw new InvalidInputException(source + ": " + (m.contains("aliases") ? "anchors and aliases (&name, *name) "
                    + "are not supported in a grid; write the values out where they are used"
                    : "not valid YAML (" + InvalidInputException.excerpt(m.lines().findFirst().orElse("")) + ")"));
        }
        if (node == null) {
            throw new InvalidInputException(source + " is empty; a grid lists data, methods and seeds (see "
                    + "examples/grids)");
        }
        Map<String, Integer> lines = new HashMap<>();
        JsonNode root = convert(node, "", lines, problems);
        return new YamlTree(root, lines);
    }

    /** The line of the value at {@code pointer}, or of its nearest parent; 0 if unknown. */
    int line(String pointer) {
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

    private static JsonNode convert(Node node, String pointer, Map<String, Integer> lines, List<GridProblem> problems) {
        int line = node.getStartMark().getLine() + 1;
        lines.put(pointer, line);
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node instanceof MappingNode m) {
            ObjectNode o = f.objectNode();
            Map<String, Integer> seen = new HashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    problems.add(new GridProblem(t.getKeyNode().getStartMark().getLine() + 1, "a key must be a plain word"));
                    continue;
                }
                String key = k.getValue();
                int keyLine = k.getStartMark().getLine() + 1;
                Integer earlier = seen.putIfAbsent(key, keyLine);
                if (earlier != null) {
                    problems.add(new GridProblem(keyLine, "'" + key + "' is given twice (also on line " + earlier
                            + "); keep one"));
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
