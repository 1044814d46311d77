package io.ramal.cti.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.Action;
import io.ramal.cti.ConnectionState;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.control.RefusalCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code docs/events.md} names every event type, flag, state, cause and refusal code the code has. */
class EventsDocumentationTest {
    private static final Path DOC = Path.of("..", "docs", "events.md");

    @Test
    void theEventsPageNamesEveryWireValue() throws IOException {
        String doc = Files.readString(DOC);

        assertThat(doc).contains(Arrays.stream(EventType.values()).map(t -> "`" + t.wire() + "`").toList());
        assertThat(doc).contains(Arrays.stream(Action.values()).map(a -> "`" + a.flag() + "`").toList());
        assertThat(doc).contains(Arrays.stream(ConnectionState.values()).map(s -> "`" + s.wire() + "`").toList());
        assertThat(doc).contains(Arrays.stream(ReleaseCause.values()).map(c -> "`" + c.wire() + "`").toList());
        assertThat(doc).contains(Arrays.stream(RefusalCode.values()).map(c -> "`" + c.wire() + "`").toList());
        assertThat(doc).contains(Arrays.stream(io.ramal.cti.DeviceState.values()).map(d -> "| `" + d.wire() + "` |")
                .toList());
        assertThat(doc).contains(EventJsonTest.ENVELOPE.stream().map(k -> "| `" + k + "` |").toList());
    }
}
