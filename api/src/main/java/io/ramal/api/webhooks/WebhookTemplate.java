package io.ramal.api.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL or body template: literal text with Meetip variables ({@code %CALLER_ID%}) and native
 * placeholders ({@code {{call_id}}}, {@code {{caller.number}}} for a nested field, {@code {{seq}}}
 * for the envelope). A {@code %WORD%} that is not a Meetip variable stays as written. Rendering
 * escapes every value for where it lands ({@link Escaping}); a missing field renders as nothing.
 */
final class WebhookTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "%\\*?([A-Z_]+)\\*?%|\\{\\{\\s*([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)\\s*}}");

    /** One piece of a template. */
    sealed interface Part {
        record Literal(String text) implements Part {}

        record Meetip(MeetipVariable variable) implements Part {}

        record Field(List<String> path) implements Part {}
    }

    private final String source;
    private final List<Part> parts;

    private WebhookTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    static WebhookTemplate parse(String source) {
        Objects.requireNonNull(source, "source");
        List<Part> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(source);
        int from = 0;
        while (matcher.find()) {
            Optional<Part> placeholder = matcher.group(1) != null
                    ? MeetipVariable.named(matcher.group(1)).map(Part.Meetip::new)
                    : Optional.of(new Part.Field(List.of(matcher.group(2).split("\\."))));
            if (placeholder.isEmpty()) {
                continue; // %WORD% that is no variable: literal text
            }
            if (matcher.start() > from) {
                parts.add(new Part.Literal(source.substring(from, matcher.start())));
            }
            parts.add(placeholder.get());
            from = matcher.end();
        }
        if (from < source.length()) {
            parts.add(new Part.Literal(source.substring(from)));
        }
        return new WebhookTemplate(source, parts);
    }

    /** The template filled in from an event's envelope and fields ({@link WebhookEvent#envelope()}). */
    String render(Map<String, Object> event, Escaping escaping) {
        CallView call = CallView.of(event);
        StringBuilder out = new StringBuilder(source.length() + 32);
        for (Part part : parts) {
            switch (part) {
                case Part.Literal literal -> out.append(literal.text());
                case Part.Meetip meetip -> out.append(escaping.apply(meetip.variable().valueFor(call)));
                case Part.Field field -> out.append(escaping.apply(WebhookJson.text(lookup(event, field.path()))));
            }
        }
        return out.toString();
    }

    /** The template with every placeholder replaced by {@code sample} unescaped: for checking its shape. */
    String renderSample(String sample) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(part instanceof Part.Literal literal ? literal.text() : sample);
        }
        return out.toString();
    }

    private static Object lookup(Map<String, Object> event, List<String> path) {
        Object current = event;
        for (String name : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(name);
        }
        return current;
    }
}
