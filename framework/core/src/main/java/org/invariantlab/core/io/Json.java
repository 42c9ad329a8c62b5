package org.invariantlab.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one JSON writer of result files: indented, and with keys in a fixed order so that the same content gives
 * the same bytes. Maps that keep an order ({@link LinkedHashMap}, {@link SortedMap}) are written in that order;
 * any other map ({@code Map.of}, {@code HashMap}), whose iteration order may change from one JVM to the next,
 * is written with its keys sorted. Records are written in the order of their components.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** {@code value} as indented JSON with a final newline. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(ordered(value)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A copy of {@code value} in which every map has a deterministic key order. */
    static Object ordered(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = map instanceof LinkedHashMap<?, ?> || map instanceof SortedMap<?, ?>
                    ? new LinkedHashMap<>() : new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), ordered(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            return new ArrayList<>(list.stream().map(Json::ordered).toList());
        }
        return value;
    }

    /**
     * Why a JSON file could not be read, in words and without the library's own vocabulary: "not valid JSON (line 3,
     * column 5)", "a value of the wrong kind for 'metrics.seed' (line 2)", or the I/O reason.
     */
    public static String problem(java.io.IOException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            StringBuilder path = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
                path.append(r.getFieldName() != null ? (path.length() == 0 ? "" : ".") + r.getFieldName()
                        : "[" + r.getIndex() + "]");
            }
            return (path.length() == 0 ? "its content is not what it should hold" : "a value of the wrong kind for '"
                    + path + "'") + line(m.getLocation());
        }
        if (e instanceof JsonProcessingException p) {
            return "not valid JSON" + line(p.getLocation());
        }
        return IoErrors.reason(e);
    }

    private static String line(com.fasterxml.jackson.core.JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
