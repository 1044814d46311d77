package io.ramal.api.queues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ramal.api.http.JsonFields;
import io.ramal.cti.Language;
import io.ramal.cti.queue.OverflowTarget;
import io.ramal.cti.queue.QueueSettings;
import io.ramal.cti.queue.Strategy;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A queue's settings from a request body: every field optional, applied over {@code base} (the defaults
 * for a new queue, the queue as it is for a change). A field given as JSON {@code null} clears what may
 * be unset ({@code max_wait_s}, {@code overflow_to}, {@code max_callers}, {@code announce_position_every_s},
 * {@code number}).
 */
final class QueueFields {
    static final Set<String> SETTINGS = Set.of("strategy", "ring_timeout_s", "max_wait_s", "overflow_to", "wrap_up_s",
            "max_callers", "announce_position_every_s", "service_level_s", "number", "language", "announce_wait");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,32}");

    private QueueFields() {}

    static QueueSettings over(QueueSettings base, ObjectNode body) {
        body.fieldNames().forEachRemaining(field -> {
            if (!SETTINGS.contains(field) && !field.equals("name")) {
                throw JsonFields.invalid("unknown field " + field);
            }
        });
        Strategy strategy = JsonFields.optionalText(body, "strategy").map(QueueFields::strategy)
                .orElse(base.strategy());
        Duration ringTimeout = notNull(seconds(body, "ring_timeout_s", 1, 600), "ring_timeout_s")
                .orElse(base.ringTimeout());
        Optional<Duration> maxWait = seconds(body, "max_wait_s", 1, 86_400).orElse(base.maxWait());
        Optional<OverflowTarget> overflow = JsonFields.has(body, "overflow_to")
                ? JsonFields.optionalText(body, "overflow_to").map(QueueFields::target) : base.overflow();
        Duration wrapUp = notNull(seconds(body, "wrap_up_s", 0, 3600), "wrap_up_s").orElse(base.wrapUp());
        OptionalInt maxCallers = base.maxCallers();
        Optional<Optional<Long>> callers = whole(body, "max_callers", 1, 10_000);
        if (callers.isPresent()) {
            maxCallers = callers.get().map(n -> OptionalInt.of(n.intValue())).orElse(OptionalInt.empty());
        }
        Optional<Duration> announce = seconds(body, "announce_position_every_s", 5, 3600).orElse(base.announceEvery());
        Duration serviceLevel = notNull(seconds(body, "service_level_s", 1, 3600), "service_level_s")
                .orElse(base.serviceLevel());
        Optional<String> number = JsonFields.has(body, "number")
                ? JsonFields.optionalText(body, "number").map(QueueFields::number) : base.number();
        Language language = JsonFields.optionalText(body, "language").map(QueueFields::language)
                .orElse(base.language());
        boolean announceWait = JsonFields.optionalBoolean(body, "announce_wait").orElse(base.announceWait());
        try {
            return new QueueSettings(base.name(), strategy, ringTimeout, maxWait, overflow, wrapUp, maxCallers,
                    announce, serviceLevel, number, language, announceWait);
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid(e.getMessage());
        }
    }

    static String name(String text) {
        if (!QueueSettings.validName(text)) {
            throw JsonFields.invalid("name must be 1-40 of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        return text;
    }

    private static String number(String text) {
        if (!QueueSettings.validNumber(text)) {
            throw JsonFields.invalid("number must be 1-20 digits");
        }
        return text;
    }

    private static Language language(String text) {
        try {
            return Language.fromWire(text);
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid(e.getMessage());
        }
    }

    private static Strategy strategy(String text) {
        try {
            return Strategy.fromWire(text);
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid(e.getMessage());
        }
    }

    private static OverflowTarget target(String text) {
        OverflowTarget target;
        try {
            target = OverflowTarget.parse(text);
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid("overflow_to must be extension:NUMBER, queue:NAME or number:NUMBER");
        }
        boolean valid = switch (target.kind()) {
            case EXTENSION, NUMBER -> NUMBER.matcher(target.value()).matches();
            case QUEUE -> QueueSettings.validName(target.value());
        };
        if (!valid) {
            throw JsonFields.invalid("overflow_to must be extension:NUMBER, queue:NAME or number:NUMBER");
        }
        return target;
    }

    private static Optional<Duration> notNull(Optional<Optional<Duration>> value, String field) {
        return value.map(v -> v.orElseThrow(() -> JsonFields.invalid(field + " may not be null")));
    }

    /** Absent: empty; JSON null: a present empty; otherwise seconds in {@code [min, max]}. */
    private static Optional<Optional<Duration>> seconds(ObjectNode body, String field, long min, long max) {
        return whole(body, field, min, max).map(o -> o.map(Duration::ofSeconds));
    }

    private static Optional<Optional<Long>> whole(ObjectNode body, String field, long min, long max) {
        if (!body.has(field)) {
            return Optional.empty();
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            return Optional.of(Optional.empty());
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            throw JsonFields.invalid(field + " must be a whole number from " + min + " to " + max);
        }
        return Optional.of(Optional.of(node.asLong()));
    }
}
