package io.ramal.api.events;

import java.util.Set;

/**
 * Which of a tenant's events a subscriber wants. Each set left empty lets everything through; a
 * non-empty one must match. {@code devices} and {@code calls} compare the event's device and call
 * id exactly (an event without one does not match); a {@code types} entry is a type name
 * ({@code call.held}) or a prefix ending in {@code .*} ({@code call.*}).
 */
public record EventFilter(Set<String> devices, Set<String> calls, Set<String> types) {

    /** Everything. */
    public static final EventFilter ALL = new EventFilter(Set.of(), Set.of(), Set.of());

    public EventFilter {
        devices = Set.copyOf(devices);
        calls = Set.copyOf(calls);
        types = Set.copyOf(types);
    }

    public boolean matches(JournalEvent event) {
        if (!devices.isEmpty() && !event.device().map(devices::contains).orElse(false)) {
            return false;
        }
        if (!calls.isEmpty() && !event.callId().map(calls::contains).orElse(false)) {
            return false;
        }
        return types.isEmpty() || types.contains(event.type()) || matchesPrefix(event.type());
    }

    private boolean matchesPrefix(String type) {
        for (String pattern : types) {
            if (pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
