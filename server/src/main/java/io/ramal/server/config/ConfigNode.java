package io.ramal.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One mapping of the parsed YAML tree plus its dotted path, with typed accessors that fail
 * with a {@link ConfigException} naming the full key. A key that is absent or explicitly
 * empty ({@code key:} / {@code key: null}) takes the fallback.
 */
final class ConfigNode {
    private final JsonNode node;
    private final String path;

    private ConfigNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static ConfigNode root(JsonNode tree) {
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return new ConfigNode(null, "");
        }
        if (!tree.isObject()) {
            throw new ConfigException("", "the config file must be a YAML mapping of keys to values");
        }
        return new ConfigNode(tree, "");
    }

    String path() {
        return path;
    }

    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Rejects every key of this mapping that is not in {@code allowed}. */
    void allowOnly(Set<String> allowed) {
        if (node == null) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String where = path.isEmpty() ? "at the top level" : "under '" + path + "'";
                String hint = closest(name, allowed).map(s -> "; did you mean '" + s + "'?").orElse("");
                throw new ConfigException(keyPath(name),
                        "unknown key (allowed " + where + ": " + String.join(", ", new TreeSet<>(allowed)) + ")" + hint);
            }
        }
    }

    boolean has(String key) {
        return value(key) != null;
    }

    String text(String key, String fallback) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (value.isTextual() || value.isIntegralNumber()) {
            return value.asText();
        }
        throw new ConfigException(keyPath(key), "expected a text value, got " + describe(value));
    }

    String requiredText(String key) {
        if (!has(key)) {
            throw new ConfigException(keyPath(key), "is required");
        }
        return text(key, "");
    }

    Optional<String> optionalText(String key, Optional<String> fallback) {
        return has(key) ? Optional.of(text(key, "")) : fallback;
    }

    int integer(String key, int fallback) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new ConfigException(keyPath(key), "expected a whole number, got " + describe(value));
        }
        return value.intValue();
    }

    double decimal(String key, double fallback) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new ConfigException(keyPath(key), "expected a number, got " + describe(value));
        }
        return value.doubleValue();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new ConfigException(keyPath(key), "expected true or false, got " + describe(value));
        }
        return value.booleanValue();
    }

    Duration duration(String key, Duration fallback) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw new ConfigException(keyPath(key), "expected a duration such as 30s, got " + describe(value));
        }
        try {
            return DurationText.parse(value.asText());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(keyPath(key), e.getMessage());
        }
    }

    /** The nested mapping at {@code key}; an empty one when absent. */
    ConfigNode section(String key) {
        JsonNode value = value(key);
        if (value == null) {
            return new ConfigNode(null, keyPath(key));
        }
        if (!value.isObject()) {
            throw new ConfigException(keyPath(key), "expected a mapping of keys to values, got " + describe(value));
        }
        return new ConfigNode(value, keyPath(key));
    }

    /** The list of mappings at {@code key}; empty when absent. */
    List<ConfigNode> list(String key) {
        JsonNode value = value(key);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ConfigException(keyPath(key), "expected a list, got " + describe(value));
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = keyPath(key) + "[" + i + "]";
            if (!item.isObject()) {
                throw new ConfigException(itemPath, "expected a mapping of keys to values, got " + describe(item));
            }
            items.add(new ConfigNode(item, itemPath));
        }
        return items;
    }

    /** The list of text values at {@code key}; {@code fallback} when absent. */
    List<String> textList(String key, List<String> fallback) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isArray()) {
            throw new ConfigException(keyPath(key), "expected a list, got " + describe(value));
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() && !item.isIntegralNumber()) {
                throw new ConfigException(keyPath(key) + "[" + i + "]", "expected a text value, got " + describe(item));
            }
            items.add(item.asText());
        }
        return items;
    }

    /** The mapping of text values at {@code key} (keys as written); empty when absent. */
    java.util.Map<String, String> textMap(String key) {
        JsonNode value = value(key);
        if (value == null) {
            return java.util.Map.of();
        }
        if (!value.isObject()) {
            throw new ConfigException(keyPath(key), "expected a mapping of keys to values, got " + describe(value));
        }
        java.util.Map<String, String> entries = new java.util.LinkedHashMap<>();
        for (Iterator<java.util.Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() && !e.getValue().isIntegralNumber()) {
                throw new ConfigException(keyPath(key) + "." + e.getKey(), "expected a text value, got "
                        + describe(e.getValue()));
            }
            entries.put(e.getKey(), e.getValue().asText());
        }
        return entries;
    }

    /** Builds a record from this section, reporting its validation failures under this section's path. */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, e.getMessage());
        }
    }

    private JsonNode value(String key) {
        Objects.requireNonNull(key, "key");
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return "'" + value.asText() + "'";
    }

    private static Optional<String> closest(String name, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= 2 ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
