package io.ramal.server.cti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramal.api.events.EventJournal;
import io.ramal.api.events.Fanout;
import io.ramal.api.events.JournalEvent;
import io.ramal.api.events.Snapshot;
import io.ramal.cti.Direction;
import io.ramal.cti.Endpoint;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.fact.CallCreated;
import io.ramal.cti.fact.LegAlerted;
import io.ramal.cti.fact.LegAnswered;
import io.ramal.cti.fact.LegCreated;
import io.ramal.cti.fact.LegReleased;
import io.ramal.store.Database;
import io.ramal.store.EventLog;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CtiDeskTest {
  private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
  private final ScratchDatabase scratch = ScratchDatabase.sqlite();
  private final Database database = scratch.open();
  private final Fanout fanout = new Fanout();
  private final EventJournal journal = new EventJournal(new EventLog(database.dataSource(), InstantSource.system()), fanout);
  private final CtiDesk desk = new CtiDesk(journal);

  CtiDeskTest() {
    new Tenants(database.dataSource()).save(new Tenant("acme", "Acme", T0));
  }

  @AfterEach
  void close() {
    desk.close();
    fanout.close();
    scratch.close();
  }

  private void placeCall(String callId, boolean hangUp) {
    desk.accept(new CallCreated("acme", callId, T0, callId + "-a", Endpoint.device("1001"), Optional.of("Alice"), "1002",
        Optional.empty(), Direction.INTERNAL, Optional.empty()));
    desk.accept(new LegCreated("acme", callId, T0, callId + "-b", Endpoint.device("1002"), Optional.empty()));
    desk.accept(new LegAlerted("acme", callId, T0, callId + "-b"));
    desk.accept(new LegAnswered("acme", callId, T0, callId + "-b"));
    if (hangUp) {
      desk.accept(new LegReleased("acme", callId, T0, callId + "-b", ReleaseCause.NORMAL));
      desk.accept(new LegReleased("acme", callId, T0, callId + "-a", ReleaseCause.NORMAL));
    }
  }

  private List<JournalEvent> stored() {
    return journal.after("acme", 0, 10_000);
  }

  @Test
  void aBurstOfFactsIsStoredInTheOrderItHappenedWithConsecutiveSeq() {
    for (int i = 0; i < 50; i++) placeCall("c" + i, true);

    desk.onTenant("acme", board -> null); // after every fact accepted before
    List<JournalEvent> events = stored();
    assertThat(events).hasSize(50 * 10); // 5 call events and 5 device state changes per call
    for (int i = 0; i < events.size(); i++) assertThat(events.get(i).seq()).isEqualTo(i + 1);
    assertThat(events.stream().filter(e -> e.callId().equals(Optional.of("c7"))).map(JournalEvent::type))
        .containsExactly("call.originated", "call.delivered", "call.established", "connection.cleared",
            "connection.cleared");
    assertThat(events.subList(70, 80)).extracting(e -> e.type() + "@" + e.device().orElseThrow())
        .as("the eighth call, its device state changes right after the events that made them")
        .containsExactly("call.originated@1001", "device.state_changed@1001", "call.delivered@1002",
            "device.state_changed@1002", "call.established@1002", "device.state_changed@1002",
            "connection.cleared@1002", "device.state_changed@1002", "connection.cleared@1001",
            "device.state_changed@1001");
    assertThat(desk.anomalies()).isZero();
  }

  @Test
  void aSnapshotIsValidExactlyAtTheSeqItStates() {
    placeCall("live", false);
    desk.onTenant("acme", board -> null);

    Snapshot snapshot = desk.at("acme");

    assertThat(snapshot.seq()).isEqualTo(stored().getLast().seq()).isEqualTo(6);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> calls = (List<Map<String, Object>>) snapshot.data().get("calls");
    assertThat(calls).singleElement().satisfies(call -> {
      assertThat(call.get("call_id")).isEqualTo("live");
      assertThat(call.get("state")).isEqualTo("connected");
    });
    assertThat(snapshot.data().get("device_states")).isEqualTo(List.of(
        Map.of("device", "1001", "state", "in_call", "since", T0.toString()),
        Map.of("device", "1002", "state", "in_call", "since", T0.toString())));
  }

  @Test
  void eventsTheLogCannotStoreAreCountedAndOtherTenantsGoOn() {
    desk.accept(new CallCreated("ghost", "g1", T0, "g1-a", Endpoint.device("1001"), Optional.empty(), "1002",
        Optional.empty(), Direction.INTERNAL, Optional.empty())); // no such tenant in the store
    placeCall("c1", true);

    await().atMost(Duration.ofSeconds(5)).until(() -> desk.lostEvents() == 2); // call.originated and 1001's state change
    desk.onTenant("acme", board -> null);
    assertThat(stored()).hasSize(10);
  }
}
