package io.ramal.server.cti;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.core.Anomaly;
import io.ramal.cti.core.Outcome;
import io.ramal.cti.core.Switchboard;
import io.ramal.cti.event.CallEvent;
import io.ramal.cti.event.CtiEvent;
import io.ramal.pbx.call.CallRecord;
import io.ramal.pbx.call.CallRecord.Direction;
import io.ramal.pbx.call.CallRecord.Disposition;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A DID call through voice menus as an integrator sees it: the menu is the called party (device
 * {@code ivr:<menu>}) while the caller is in it, transfers the call to the chosen destination, which
 * is then delivered and established like any callee; the callee number stays the DID.
 */
class IvrFactsTest {
  private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
  private static final String CALLER = "+5511988887777";
  private final Switchboard board = new Switchboard("acme");
  private final List<CtiEvent> events = new ArrayList<>();
  private final List<Anomaly> anomalies = new ArrayList<>();
  private final TelephonyFacts facts = new TelephonyFacts(fact -> {
    Outcome outcome = board.on(fact);
    events.addAll(outcome.events());
    outcome.anomaly().ifPresent(anomalies::add);
  }, InstantSource.fixed(T0));

  private List<String> trace() {
    return events.stream().map(e -> e.type().wire() + "@" + e.device().orElse("-")).toList();
  }

  private void end(String callee, Disposition disposition, String cause) {
    facts.ended(new CallRecord("c1", "acme", "c1@sip", CALLER, callee, Direction.INBOUND, T0,
        Optional.of(T0), T0.plusSeconds(30), disposition, cause));
  }

  @Test
  void theMenuIsTheCalledPartyUntilTheCallerChoosesAnExtensionThatAnswers() {
    facts.ivrEntered("acme", "c1", "main", "4200", CALLER, "", T0);
    CallEvent inMenu = (CallEvent) events.getLast();
    facts.digit("acme", "c1", true, '1', T0);
    facts.ivrLeft("acme", "c1", "main", "extension:1002", "key", T0);
    facts.newLegCalled("acme", "c1", false, "1002", false, T0);
    facts.newLegAlerting("acme", "c1", T0);
    facts.newLegAnswered("acme", "c1", T0);
    CallEvent connected = (CallEvent) events.getLast();
    end("1002", Disposition.ANSWERED, "caller hung up");

    assertThat(anomalies).isEmpty();
    assertThat(trace()).containsExactly("call.originated@" + CALLER, "call.established@" + CALLER,
        "call.established@ivr:main", "call.dtmf@" + CALLER, "call.transferred@ivr:main", "connection.cleared@ivr:main",
        "call.delivered@1002", "call.established@1002", "connection.cleared@1002", "connection.cleared@" + CALLER);
    assertThat(inMenu.call().calleeNumber()).isEqualTo("4200");
    assertThat(inMenu.call().parties()).extracting(p -> p.device()).containsExactly(CALLER, "ivr:main");
    assertThat(connected.call().parties()).extracting(p -> p.device()).containsExactly(CALLER, "1002");
  }

  @Test
  void aCallerWhoHangsUpInTheMenuClearsTheMenuAndItself() {
    facts.ivrEntered("acme", "c1", "main", "4200", CALLER, "ACME", T0);
    end("ivr:main", Disposition.ANSWERED, "caller hung up (in voice menu main)");

    assertThat(anomalies).isEmpty();
    assertThat(trace()).endsWith("connection.cleared@ivr:main", "connection.cleared@" + CALLER);
  }

  @Test
  void aMenuLeadsToAnotherMenuAndThenToAQueue() {
    facts.ivrEntered("acme", "c1", "main", "4200", CALLER, "", T0);
    facts.ivrLeft("acme", "c1", "main", "ivr:billing", "key", T0);
    facts.ivrEntered("acme", "c1", "billing", "4200", CALLER, "", T0);
    facts.ivrLeft("acme", "c1", "billing", "queue:sales", "default", T0);
    facts.queued("acme", "c1", "sales", CALLER, "", T0);
    facts.queueOfferCalled("acme", "c1", "1001", false, T0);
    facts.queueOfferAnswered("acme", "c1", "1001", false, T0);
    end("sales", Disposition.ANSWERED, "agent hung up");

    assertThat(anomalies).isEmpty();
    assertThat(trace()).containsExactly("call.originated@" + CALLER, "call.established@" + CALLER,
        "call.established@ivr:main", "call.transferred@ivr:main", "connection.cleared@ivr:main",
        "call.established@ivr:billing", "call.transferred@ivr:billing", "connection.cleared@ivr:billing",
        "call.established@1001", "connection.cleared@1001", "connection.cleared@" + CALLER);
  }

  @Test
  void aChosenExtensionThatFailsBringsTheMenuBack() {
    facts.ivrEntered("acme", "c1", "main", "4200", CALLER, "", T0);
    facts.ivrLeft("acme", "c1", "main", "extension:1002", "key", T0);
    facts.newLegCalled("acme", "c1", false, "1002", false, T0);
    facts.newLegFailed("acme", "c1", Disposition.BUSY, "486 Busy Here", T0);
    facts.ivrEntered("acme", "c1", "main", "4200", CALLER, "", T0);
    end("ivr:main", Disposition.ANSWERED, "caller hung up (in voice menu main)");

    assertThat(anomalies).isEmpty();
    assertThat(trace()).containsSubsequence("call.failed@1002", "connection.cleared@1002", "call.established@ivr:main",
        "connection.cleared@ivr:main", "connection.cleared@" + CALLER);
  }
}
