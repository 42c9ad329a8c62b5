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
}
