package io.ramal.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON text for the shapes every event is made of (maps with string keys, lists, strings,
 * integers, booleans, null), written straight into one buffer: the event path serializes a dozen
 * events per call, and a general mapper spends most of that time finding a serializer per value.
 * Any other value (a double, a record) is handed to the mapper.
 */
final class CompactJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CompactJson() {}

    static String write(Object value, ObjectMapper mapper) throws JsonProcessingException {
        StringBuilder out = new StringBuilder(256);
        value(out, value, mapper);
        return out.toString();
    }

    private static void value(StringBuilder out, Object value, ObjectMapper mapper) throws JsonProcessingException {
        switch (value) {
            case null -> out.append("null");
            case String text -> string(out, text);
            case Integer n -> out.append(n.intValue());
            case Long n -> out.append(n.longValue());
            case Boolean b -> out.append(b.booleanValue());
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> field : map.entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    string(out, String.valueOf(field.getKey())); // as the mapper writes number and enum keys
                    out.append(':');
                    value(out, field.getValue(), mapper);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) out.append(',');
                    value(out, list.get(i), mapper);
                }
                out.append(']');
            }
            default -> out.append(mapper.writeValueAsString(value));
        }
    }

    /** A JSON string: quote, backslash and control characters escaped, everything else as it is. */
    private static void string(StringBuilder out, String text) {
        out.append('"');
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out.append(text, start, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            start = i + 1;
        }
        out.append(text, start, text.length()).append('"');
    }
}
