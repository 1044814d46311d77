package io.ramal.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private static final JournalEvent DELIVERED = event("call.delivered", Optional.of("c1"), Optional.of("1002"));
    private static final JournalEvent REGISTERED = event("device.registered", Optional.empty(), Optional.of("1001"));
    private static final JournalEvent BARE = event("agent.paused", Optional.empty(), Optional.empty());

    @Test
    void letsEverythingThroughWhenEmpty() {
        assertThat(EventFilter.ALL.matches(DELIVERED)).isTrue();
        assertThat(EventFilter.ALL.matches(BARE)).isTrue();
    }

    @Test
    void matchesDevicesAndCallsExactlyAndNeverEventsWithoutThem() {
        EventFilter devices = new EventFilter(Set.of("1002"), Set.of(), Set.of());
        EventFilter calls = new EventFilter(Set.of(), Set.of("c1"), Set.of());

        assertThat(devices.matches(DELIVERED)).isTrue();
        assertThat(devices.matches(REGISTERED)).isFalse();
        assertThat(devices.matches(BARE)).isFalse();
        assertThat(calls.matches(DELIVERED)).isTrue();
        assertThat(calls.matches(REGISTERED)).isFalse();
    }

    @Test
    void matchesTypesByNameOrByDottedPrefix() {
        EventFilter exact = new EventFilter(Set.of(), Set.of(), Set.of("call.delivered"));
        EventFilter prefix = new EventFilter(Set.of(), Set.of(), Set.of("device.*"));
        EventFilter notAPrefix = new EventFilter(Set.of(), Set.of(), Set.of("call"));

        assertThat(exact.matches(DELIVERED)).isTrue();
        assertThat(exact.matches(REGISTERED)).isFalse();
        assertThat(prefix.matches(REGISTERED)).isTrue();
        assertThat(prefix.matches(DELIVERED)).isFalse();
        assertThat(notAPrefix.matches(DELIVERED)).isFalse();
    }

    @Test
    void requiresEveryNonEmptyPartToMatch() {
        EventFilter both = new EventFilter(Set.of("1002"), Set.of(), Set.of("call.held"));

        assertThat(both.matches(DELIVERED)).isFalse();
    }

    private static JournalEvent event(String type, Optional<String> callId, Optional<String> device) {
        return new JournalEvent("t", 1, "id", Instant.EPOCH, type, callId, device, "{}");
    }
}
