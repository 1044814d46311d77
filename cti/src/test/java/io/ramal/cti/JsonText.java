package io.ramal.cti;

import java.util.List;
import java.util.Map;

/**
 * A strict JSON writer for tests: accepts only what {@code toJson()} maps promise (String, Number,
 * Boolean, List, Map with String keys, null) and fails on anything else, so a test that writes
 * every event proves the maps are serializable without a JSON library.
 */
public final class JsonText {
    private JsonText() {}

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0, true);
        return out.toString();
    }

    public static String compact(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0, false);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, int depth, boolean pretty) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s, out);
            case Boolean b -> out.append(b);
            case Integer i -> out.append(i);
            case Long l -> out.append(l);
            case Map<?, ?> map -> object(map, out, depth, pretty);
            case List<?> list -> array(list, out, depth, pretty);
            default -> throw new IllegalArgumentException("not JSON: " + value.getClass().getName());
        }
    }

    private static void object(Map<?, ?> map, StringBuilder out, int depth, boolean pretty) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("not a JSON key: " + entry.getKey());
            }
            out.append(first ? "" : ",");
            newline(out, depth + 1, pretty);
            string(key, out);
            out.append(pretty ? ": " : ":");
            write(entry.getValue(), out, depth + 1, pretty);
            first = false;
        }
        newline(out, depth, pretty);
        out.append('}');
    }

    private static void array(List<?> list, StringBuilder out, int depth, boolean pretty) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            out.append(i == 0 ? "" : ",");
            newline(out, depth + 1, pretty);
            write(list.get(i), out, depth + 1, pretty);
        }
        newline(out, depth, pretty);
        out.append(']');
    }

    private static void newline(StringBuilder out, int depth, boolean pretty) {
        if (pretty) {
            out.append('\n').append("  ".repeat(depth));
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
