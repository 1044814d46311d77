package io.ramal.cti.agent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command or observation did: the events to append (in order), the ledger changes to store
 * (before the events), and a refusal when a command was not carried out (then nothing changed).
 */
public record AgentOutcome(List<AgentEvent> events, List<LedgerChange> ledger, Optional<AgentRefusal> refusal) {
    public static final AgentOutcome NOTHING = new AgentOutcome(List.of(), List.of(), Optional.empty());

    public AgentOutcome {
        events = List.copyOf(events);
        ledger = List.copyOf(ledger);
        Objects.requireNonNull(refusal, "refusal");
    }

    static AgentOutcome refused(AgentRefusal.Code code, String message) {
        return new AgentOutcome(List.of(), List.of(), Optional.of(new AgentRefusal(code, message)));
    }

    public boolean isEmpty() {
        return events.isEmpty() && ledger.isEmpty() && refusal.isEmpty();
    }
}
