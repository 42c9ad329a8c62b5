package org.invariantlab.core.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.core.io.IoErrors;
import org.invariantlab.core.io.YamlDocument;

/**
 * Reads and writes run specs as YAML. Every mistake in a spec file is refused with one line that names the file,
 * the line, the key and what was expected, quoting at most a short excerpt of the input: an empty or
 * comment-only document, a list or single value at the top, several documents, a duplicated or unknown key, a
 * value of the wrong type (a fraction where a whole number belongs included), a binary or non-UTF-8 file, and a
 * data file passed by mistake. All are usage errors ({@link InvalidInputException}).
 */
public final class SpecFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private static final String NEEDS = "a spec is YAML keys such as 'system: kepler' (see examples/specs)";

    /** Bytes looked at to tell a binary file. */
    private static final int SNIFF = 8192;

    private SpecFiles() {
    }

    /** Parses a spec file. */
    public static RunSpec read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("spec file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read spec file " + file + ": " + IoErrors.describe(e, file), e);
        }
        RunSpec spec = parse(bytes, file.toString());
        // a relative data path is taken from the spec file's folder (as a grid's from the grid's)
        return spec.file() == null ? spec
                : spec.withFile(spec.file().resolvedAgainst(file.toAbsolutePath().normalize().getParent()));
    }

    /** Parses spec bytes, which must be UTF-8 text; {@code source} names them in messages. */
    static RunSpec parse(byte[] bytes, String source) {
        for (int i = 0; i < Math.min(bytes.length, SNIFF); i++) {
            if (bytes[i] == 0) {
                throw new InvalidInputException(source + " is a binary file, not a YAML run spec; " + NEEDS);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(source + " is not UTF-8 text; save it as UTF-8 (" + NEEDS + ")", e);
        }
        return parse(text.startsWith("\uFEFF") ? text.substring(1) : text, source);
    }

    /** Parses spec text; {@code source} names it in messages. */
    public static RunSpec parse(String text, String source) {
        if (text.isBlank()) {
            throw new InvalidInputException(source + " is empty; a spec needs at least 'system: <id>'");
        }
        // the first line that is not a YAML comment: a spec may open with comments full of commas
        String firstLine = text.strip().lines().filter(l -> !l.stripLeading().startsWith("#")).findFirst().orElse("");
        if (source.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                || (firstLine.chars().filter(c -> c == ',').count() >= 2 && !firstLine.contains(":"))) {
            throw new InvalidInputException(source + " looks like a CSV data file (first line '"
                    + InvalidInputException.excerpt(firstLine) + "'), not a run spec; " + NEEDS);
        }
        List<YamlDocument.Problem> problems = new ArrayList<>();
        YamlDocument document = YamlDocument.parse(text, source, "a spec", problems);
        checkShape(document, source);
        if (!problems.isEmpty()) {
            YamlDocument.Problem p = problems.get(0);
            throw new InvalidInputException(source + " line " + p.line() + ": " + p.message());
        }
        try {
            return YAML.treeToValue(document.root(), RunSpec.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new InvalidInputException(source + line(document, e) + ": unknown key '"
                    + InvalidInputException.excerpt(e.getPropertyName()) + "'" + path(e) + "; known keys there: " + known);
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof InvariantLabException ile) {
                throw new InvalidInputException(source + line(document, e) + ": " + ile.getMessage());
            }
            String key = dotted(e);
            if (key.isEmpty()) {
                throw new InvalidInputException(source + ": cannot be read as a run spec; " + NEEDS);
            }
            Object value = e instanceof InvalidFormatException f ? f.getValue() : valueAt(document, e);
            throw new InvalidInputException(source + line(document, e) + ": " + key + " must be "
                    + expected(e.getPath().get(e.getPath().size() - 1), e) + ", got '"
                    + InvalidInputException.excerpt(String.valueOf(value)) + "'");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source + ": cannot be read as a run spec; " + NEEDS, e);
        }
    }

    /** Refuses what is not one mapping of keys: no document, a list or a single value at the top. */
    private static void checkShape(YamlDocument document, String source) {
        if (document.empty()) {
            throw new InvalidInputException(source + " holds no settings (an empty document or only comments); "
                    + "a spec needs at least 'system: <id>'");
        }
        JsonNode root = document.root();
        if (root.isArray()) {
            throw new InvalidInputException(source + " holds a list at the top level; " + NEEDS);
        }
        if (!root.isObject()) {
            throw new InvalidInputException(source + " holds a single value ('" + InvalidInputException.excerpt(root.asText())
                    + "') rather than keys; " + NEEDS);
        }
    }

    /** What the key at the end of an error's path takes, in words. */
    private static String expected(JsonMappingException.Reference last, JsonMappingException e) {
        Class<?> t = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null
                ? m.getTargetType() : Object.class;
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "a whole number";
        }
        if (t == Double.class || t == double.class) {
            return "a number";
        }
        if (t == String.class) {
            return "a single word or value";
        }
        if (List.class.isAssignableFrom(t)) {
            return "a list such as [64, 64]";
        }
        if (Map.class.isAssignableFrom(t)) {
            return "a set of 'name: value' lines";
        }
        if (t == RunSpec.Data.class || t == RunSpec.Training.class) {
            return "a set of keys indented under '" + last.getFieldName() + ":'";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t.isRecord()) {
            return "a set of keys indented under '" + last.getFieldName() + ":'";
        }
        return "a value of another form (the keys of any result's spec.yaml show each form)";
    }

    /** The value an error is about, as the document holds it (for errors that do not carry the value). */
    private static String valueAt(YamlDocument document, JsonMappingException e) {
        JsonNode node = document.root().at(pointer(e));
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** The spec as YAML text. */
    public static String toYaml(RunSpec spec) {
        try {
            return YAML.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec as YAML", e);
        }
    }

    /** {@code " line N"} of the value an error is about, from the document's lines ({@link YamlDocument#line}). */
    private static String line(YamlDocument document, JsonMappingException e) {
        int line = document.line(pointer(e));
        return line < 1 ? "" : " line " + line;
    }

    /** The JSON pointer of the value an error is about ({@code /training/hidden/1}). */
    private static String pointer(JsonMappingException e) {
        return e.getPath().stream().map(r -> "/" + (r.getFieldName() == null ? String.valueOf(r.getIndex())
                : r.getFieldName())).collect(Collectors.joining());
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream().limit(Math.max(0, e.getPath().size() - 1))
                .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                .collect(Collectors.joining("."));
        return p.isEmpty() ? "" : " in '" + p + "'";
    }

    private static String dotted(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : "." + r.getFieldName())
                .collect(Collectors.joining("")).replaceFirst("^\\.", "");
    }
}
