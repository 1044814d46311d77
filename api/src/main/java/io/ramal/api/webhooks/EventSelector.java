package io.ramal.api.webhooks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which events a subscription wants: either a native event type ({@code call.delivered}; a family
 * {@code call.*}; or {@code *} for all) or a Meetip trigger ({@code ringing}, {@code off_hook},
 * {@code hung_up}), optionally narrowed to one device (extension) and one direction.
 *
 * <p>For a native type, {@code direction} is compared with the event's {@code direction} field
 * ({@code inbound}, {@code outbound} or {@code internal}). For a trigger it is Meetip's "sentido"
 * ({@code inbound} or {@code outbound}) as seen from the event's device, so an internal call is
 * inbound for the extension that rings and outbound for the one that dialled ({@link CallView#sense()}).
 * A trigger fires for extensions only, as Meetip's web command does: the events of an external
 * party (the carrier's caller hanging up, the number an outbound call rings) never match one.
 */
record EventSelector(Optional<String> type, Optional<MeetipTrigger> trigger, Optional<String> device,
        Optional<String> direction) {

    private static final Pattern TYPE = Pattern.compile("\\*|[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?");
    private static final Set<String> DIRECTIONS = Set.of("inbound", "outbound", "internal");
    private static final Set<String> FIELDS = Set.of("type", "trigger", "device", "direction");

    EventSelector {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(direction, "direction");
        if (type.isPresent() == trigger.isPresent()) {
            throw new IllegalArgumentException("an event selector names either a type or a trigger");
        }
        type.ifPresent(t -> {
            if (!TYPE.matcher(t).matches()) {
                throw new IllegalArgumentException("not an event type: " + t);
            }
        });
        direction.ifPresent(d -> {
            if (!DIRECTIONS.contains(d) || (trigger.isPresent() && d.equals("internal"))) {
                throw new IllegalArgumentException("direction must be "
                        + (trigger.isPresent() ? "inbound or outbound" : "inbound, outbound or internal") + ": " + d);
            }
        });
        device.ifPresent(d -> {
            if (d.isBlank()) {
                throw new IllegalArgumentException("device must not be blank");
            }
        });
    }

    static EventSelector ofType(String type) {
        return new EventSelector(Optional.of(type), Optional.empty(), Optional.empty(), Optional.empty());
    }

    boolean matches(String eventType, CallView call) {
        if (device.isPresent() && !device.equals(call.extension())) {
            return false;
        }
        if (trigger.isPresent()) {
            return trigger.get().eventType().equals(eventType)
                    && !call.externalParty()
                    && direction.map(d -> call.sense().map(Sense::wireName).equals(Optional.of(d))).orElse(true);
        }
        String wanted = type.orElseThrow();
        boolean typeMatches = wanted.equals("*")
                || wanted.equals(eventType)
                || (wanted.endsWith(".*") && eventType.startsWith(wanted.substring(0, wanted.length() - 1)));
        return typeMatches && direction.map(d -> call.direction().equals(Optional.of(d))).orElse(true);
    }

    /** The JSON form: {@code {"type":…}} or {@code {"trigger":…}}, with {@code device} and {@code direction} if set. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        type.ifPresent(t -> json.put("type", t));
        trigger.ifPresent(t -> json.put("trigger", t.wireName()));
        device.ifPresent(d -> json.put("device", d));
        direction.ifPresent(d -> json.put("direction", d));
        return json;
    }

    /** Reads the JSON form; {@link IllegalArgumentException} saying what is wrong. */
    static EventSelector fromJson(Object json) {
        if (!(json instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("an event selector is an object like {\"type\":\"call.delivered\"}");
        }
        for (Object key : map.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown event selector field '" + key + "' (allowed: " + FIELDS + ")");
            }
        }
        Optional<MeetipTrigger> trigger = string(map, "trigger").map(t -> MeetipTrigger.fromWireName(t)
                .orElseThrow(() -> new IllegalArgumentException(
                        "trigger must be ringing, off_hook or hung_up: " + t)));
        return new EventSelector(string(map, "type"), trigger, string(map, "device"),
                string(map, "direction").map(d -> d.toLowerCase(Locale.ROOT)));
    }

    private static Optional<String> string(Map<?, ?> map, String name) {
        Object value = map.get(name);
        return switch (value) {
            case null -> Optional.empty();
            case String s -> Optional.of(s);
            case Number n when name.equals("device") -> Optional.of(n.toString());
            default -> throw new IllegalArgumentException(name + " must be a string");
        };
    }
}
