package io.ramal.api.events;

import static io.ramal.api.events.EventServer.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.api.auth.Principal;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The stream survives a restart: a new server on the same SQLite file resumes where the old one stopped. */
class EventStreamRestartTest {

    @Test
    void aClientResumesAcrossAServerRestartWithoutGapOrDuplicate() {
        FakeBearerVerifier verifier = new FakeBearerVerifier();
        EventSocketConfig config = EventSocketConfig.defaults("test");
        try (ScratchDatabase scratch = ScratchDatabase.sqlite()) {
            String tenant;
            String token;
            try (EventServer before = new EventServer(scratch.config(), config, verifier)) {
                tenant = before.tenant();
                Principal alice = FakeBearerVerifier.agent(tenant);
                token = verifier.grant(alice, Instant.now().plus(Duration.ofHours(1)));
                try (RecordingSocket socket = before.connect(token)) {
                    socket.send(subscribe(0));
                    socket.next("subscribed");
                    before.appendMany(tenant, 3);
                    assertThat(socket.seqsThrough(3)).containsExactly(1L, 2L, 3L);
                }
                before.appendMany(tenant, 2); // 4 and 5: emitted while the client was away
                RecordingSocket bystander = before.connect(token);
                before.socket.close();
                assertThat(bystander.awaitClose().code()).as("close code on shutdown").isEqualTo(1001);
                bystander.close();
            }

            try (EventServer after = new EventServer(scratch.config(), config, verifier);
                    RecordingSocket socket = after.connect(token)) {
                after.append(tenant, "call.held", "c1", "1002"); // 6, before the client is back
                socket.send(subscribe(3));
                socket.next("subscribed");
                assertThat(socket.seqsThrough(6)).containsExactly(4L, 5L, 6L);

                after.append(tenant, "call.retrieved", "c1", "1002");
                assertThat(socket.seqsThrough(7)).containsExactly(7L);
            }
        }
    }
}
