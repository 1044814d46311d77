package io.ramal.api.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ramal.api.http.JsonFields;
import io.ramal.cti.ivr.IvrMenu;
import io.ramal.cti.ivr.IvrTarget;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A menu's settings from a request body: every field optional, applied over {@code base} (the defaults
 * for a new menu, the menu as it is for a change). {@code options} replaces all options at once;
 * {@code default_target} and {@code invalid_target} given as JSON {@code null} are cleared.
 */
final class IvrFields {
    static final Set<String> FIELDS = Set.of("name", "options", "timeout_s", "max_retries", "default_target",
            "invalid_target");

    private IvrFields() {}

    static IvrMenu over(IvrMenu base, ObjectNode body) {
        body.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw JsonFields.invalid("unknown field " + field);
            }
        });
        Map<Character, IvrTarget> options = body.has("options") ? options(body.get("options")) : base.options();
        Duration timeout = JsonFields.optionalInt(body, "timeout_s", 1, 60).map(s -> Duration.ofSeconds(s))
                .orElse(base.timeout());
        int retries = JsonFields.optionalInt(body, "max_retries", 0, IvrMenu.MAX_RETRIES).orElse(base.maxRetries());
        Optional<IvrTarget> fallback = body.has("default_target")
                ? JsonFields.optionalText(body, "default_target").map(t -> target("default_target", t))
                : base.defaultTarget();
        Optional<IvrTarget> invalid = body.has("invalid_target")
                ? JsonFields.optionalText(body, "invalid_target").map(t -> target("invalid_target", t))
                : base.invalidTarget();
        try {
            return new IvrMenu(base.name(), base.prompt(), options, timeout, retries, fallback, invalid);
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid(e.getMessage());
        }
    }

    static String name(String text) {
        if (!IvrMenu.validName(text)) {
            throw JsonFields.invalid("name must be 1-40 of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        return text;
    }

    private static Map<Character, IvrTarget> options(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw JsonFields.invalid("options must be an object of keys (0-9, *, #, A-D) to targets");
        }
        Map<Character, IvrTarget> options = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.length() != 1 || IvrMenu.KEYS.indexOf(key.charAt(0)) < 0) {
                throw JsonFields.invalid("options: '" + key + "' is not a key (0-9, *, #, A-D)");
            }
            if (!e.getValue().isTextual()) {
                throw JsonFields.invalid("options." + key + " must be a target such as extension:1002");
            }
            options.put(key.charAt(0), target("options." + key, e.getValue().textValue()));
        }
        return options;
    }

    private static IvrTarget target(String field, String text) {
        try {
            return IvrTarget.parse(text);
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid(field + " must be extension:NUMBER, queue:NAME, number:NUMBER or ivr:NAME");
        }
    }
}
