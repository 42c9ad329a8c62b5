package org.invariantlab.core.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.invariantlab.api.InvariantLabException;

/** Reads and writes run specs as YAML; every mistake in a spec file is reported with its line and key. */
public final class SpecFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SpecFiles() {
    }

    /** Parses a spec file. */
    public static RunSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvariantLabException("spec file " + file + " does not exist");
        } catch (IOException e) {
            throw new InvariantLabException("cannot read spec file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses spec text; {@code source} names it in messages. */
    public static RunSpec parse(String text, String source) {
        if (text.isBlank()) {
            throw new InvariantLabException(source + " is empty; a spec needs at least 'system: <id>'");
        }
        try {
            return YAML.readValue(text, RunSpec.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new InvariantLabException(source + lineOfKey(text, e) + ": unknown key '" + e.getPropertyName()
                    + "'" + path(e) + "; known keys there: " + known);
        } catch (InvalidFormatException e) {
            throw new InvariantLabException(source + lineOfKey(text, e) + ": '" + e.getValue() + "' is not a valid "
                    + e.getTargetType().getSimpleName().toLowerCase() + " for " + dotted(e));
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof InvariantLabException ile) {
                throw new InvariantLabException(source + ": " + ile.getMessage());
            }
            throw new InvariantLabException(source + where(e.getLocation()) + ": " + e.getOriginalMessage()
                    + (e.getPath().isEmpty() ? "" : " (at " + dotted(e) + ")"));
        } catch (JsonProcessingException e) {
            throw new InvariantLabException(source + where(e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage());
        }
    }

    /** The spec as YAML text. */
    public static String toYaml(RunSpec spec) {
        try {
            return YAML.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec as YAML", e);
        }
    }

    /**
     * The line of the key an error is about. Jackson's own location points past it when a record creator
     * buffers properties, so the key is looked up in the text: the first line, after the lines of its parent
     * keys, that declares it as a mapping key.
     */
    private static String lineOfKey(String text, JsonMappingException e) {
        String[] lines = text.split("\n", -1);
        int from = 0;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() == null) {
                continue;
            }
            java.util.regex.Pattern key = java.util.regex.Pattern.compile("^\\s*(- )?\\Q" + r.getFieldName() + "\\E\\s*:");
            for (int i = from; i < lines.length; i++) {
                if (key.matcher(lines[i]).find()) {
                    from = i;
                    break;
                }
            }
        }
        return e.getPath().isEmpty() ? where(e.getLocation()) : " line " + (from + 1);
    }

    private static String where(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "" : " line " + loc.getLineNr();
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream().limit(Math.max(0, e.getPath().size() - 1))
                .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                .collect(Collectors.joining("."));
        return p.isEmpty() ? "" : " in '" + p + "'";
    }

    private static String dotted(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                .collect(Collectors.joining("."));
    }
}
