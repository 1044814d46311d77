package io.ramal.api.webhooks;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Meetip variables and trigger filters need from an event, read from its fields:
 * <ul>
 *   <li>{@code device}: the extension the event is about ({@code %EXTENSION%});
 *   <li>{@code call_id} ({@code %ID%});
 *   <li>{@code direction}: {@code inbound}, {@code outbound} or {@code internal};
 *   <li>{@code caller} and {@code callee}: a number as text, or an object with a {@code number};
 *       otherwise the CTI events' {@code caller_number} and {@code callee_number};
 *   <li>{@code queue}: a name as text, or an object with a {@code name} (also {@code queue_name}); for
 *       CTI events the queue of a queue's offer ({@code data.queue}) or the call's ({@code call.queue});
 *   <li>{@code duration} in seconds, or {@code duration_ms}, or the time from the CTI event's
 *       {@code call.answered_at} to its {@code ts} ({@code %DURACION%});
 *   <li>{@code data.party.external}: true when the CTI event is about an external number (the
 *       carrier's caller of an inbound call, the number an outbound call rings), not an extension.
 * </ul>
 * Missing fields give empty values, never an error.
 */
record CallView(
        String type,
        Optional<String> extension,
        Optional<String> callId,
        Optional<String> direction,
        Optional<String> caller,
        Optional<String> callee,
        Optional<String> queue,
        long durationSeconds,
        boolean externalParty) {

    CallView {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(queue, "queue");
    }

    /** Reads an event's envelope and fields ({@link WebhookEvent#envelope()}). */
    static CallView of(Map<String, Object> event) {
        Optional<String> caller = number(event.get("caller")).or(() -> text(event.get("caller_number")));
        Optional<String> callee = number(event.get("callee")).or(() -> text(event.get("callee_number")));
        Optional<String> queue = named(event.get("queue")).or(() -> named(event.get("queue_name")))
                .or(() -> event.get("data") instanceof Map<?, ?> data ? named(data.get("queue")) : Optional.empty())
                .or(() -> event.get("call") instanceof Map<?, ?> call ? named(call.get("queue")) : Optional.empty());
        return new CallView(
                text(event.get("type")).orElse(""),
                text(event.get("device")),
                text(event.get("call_id")),
                text(event.get("direction")).map(d -> d.toLowerCase(Locale.ROOT)),
                caller,
                callee,
                queue,
                duration(event),
                externalParty(event));
    }

    /** Whether the event is about an external number rather than an extension of the tenant. */
    private static boolean externalParty(Map<String, Object> event) {
        return event.get("data") instanceof Map<?, ?> data && data.get("party") instanceof Map<?, ?> party
                && Boolean.TRUE.equals(party.get("external"));
    }

    /**
     * Which way the call goes for {@link #extension()}: inbound for a screen pop (it is for the
     * extension the call rings); the event's direction for inbound and outbound calls; for internal
     * calls, inbound when the extension is the callee and outbound when it is the caller. Empty
     * when it cannot be told.
     */
    Optional<Sense> sense() {
        if (type.equals("screen_pop")) {
            return Optional.of(Sense.INBOUND); // a pop is for the extension the call rings
        }
        Optional<Sense> declared = direction.flatMap(Sense::fromWireName);
        if (declared.isPresent()) {
            return declared;
        }
        if (extension.isPresent()) {
            if (extension.equals(callee)) {
                return Optional.of(Sense.INBOUND);
            }
            if (extension.equals(caller)) {
                return Optional.of(Sense.OUTBOUND);
            }
        }
        return Optional.empty();
    }

    /** The other party's number as seen from the extension: the caller of an inbound call, the callee of an outbound one. */
    Optional<String> otherParty() {
        return sense().flatMap(s -> s == Sense.INBOUND ? caller : callee);
    }

    /** The extension, or when the event names none, the own side of the call. */
    Optional<String> ownExtension() {
        return extension.or(() -> sense().flatMap(s -> s == Sense.INBOUND ? callee : caller));
    }

    /** Meetip's "estado": {@code timbre} (ringing), {@code descolgado} (off hook) or {@code colgado} (hung up). */
    String meetipState() {
        return switch (type) {
            case "call.delivered", "screen_pop" -> "timbre";
            case "call.originated", "call.established", "call.held", "call.retrieved", "call.transferred",
                    "call.conferenced", "call.diverted" -> "descolgado";
            case "connection.cleared", "call.failed", "cdr.created" -> "colgado";
            default -> "";
        };
    }

    private static long duration(Map<String, Object> event) {
        if (event.get("duration") instanceof Number seconds) {
            return Math.max(0, Math.round(seconds.doubleValue()));
        }
        if (event.get("duration_ms") instanceof Number millis) {
            return Math.max(0, millis.longValue() / 1000);
        }
        // a CTI event: talk time from the call's answer to this event
        if (event.get("call") instanceof Map<?, ?> call && call.get("answered_at") instanceof String answered
                && event.get("ts") instanceof String ts) {
            try {
                return Math.max(0, java.time.Duration.between(java.time.Instant.parse(answered),
                        java.time.Instant.parse(ts)).toSeconds());
            } catch (java.time.format.DateTimeParseException e) {
                return 0;
            }
        }
        return 0;
    }

    private static Optional<String> number(Object party) {
        if (party instanceof Map<?, ?> map) {
            return text(map.get("number"));
        }
        return text(party);
    }

    private static Optional<String> named(Object value) {
        if (value instanceof Map<?, ?> map) {
            return text(map.get("name"));
        }
        return text(value);
    }

    private static Optional<String> text(Object value) {
        return switch (value) {
            case String s when !s.isEmpty() -> Optional.of(s);
            case Number n -> Optional.of(n.toString());
            case null, default -> Optional.empty();
        };
    }
}
