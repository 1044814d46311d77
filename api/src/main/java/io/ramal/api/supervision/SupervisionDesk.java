package io.ramal.api.supervision;

import io.ramal.api.events.EventJournal;
import io.ramal.store.SupervisionAudit;
import io.ramal.store.SupervisionStep;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisions under way and their record. The routes register a supervision when they ask
 * the PBX for it and audit what a user asked (requested, mode changed, stopped); the PBX reports
 * what happened ({@link #started}, {@link #modeChanged}, {@link #ended}), which become the
 * tenant's {@code call.supervision_*} events, and the steps no user asked for (the supervisor's
 * phone answered, hung up or never answered, the call ended) are audited in the name of the user
 * who asked for the supervision. Reports return at once: events and rows are written in order on
 * a thread of the desk's own.
 */
public final class SupervisionDesk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisionDesk.class);

    /** A supervision being called or under way. */
    public record Active(String tenant, String callId, String supervisionId, String userId, String device,
            String mode, Optional<String> agent, boolean notifyAgent, boolean answered) {
        Active withMode(String next, Optional<String> nextAgent) {
            return new Active(tenant, callId, supervisionId, userId, device, next, nextAgent, notifyAgent, answered);
        }

        Active answeredNow() {
            return new Active(tenant, callId, supervisionId, userId, device, mode, agent, notifyAgent, true);
        }

        /** The supervision as the API shows it. */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("supervision_id", supervisionId);
            json.put("call_id", callId);
            json.put("supervisor", Map.of("user_id", userId, "device", device));
            json.put("mode", mode);
            json.put("agent", agent.orElse(null));
            json.put("notify_agent", notifyAgent);
            json.put("state", answered ? "active" : "calling_supervisor");
            return json;
        }
    }

    private final EventJournal journal;
    private final SupervisionAudit audit;
    private final InstantSource clock;
    private final Map<String, Active> bySupervision = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("supervision-desk").factory());

    public SupervisionDesk(EventJournal journal, SupervisionAudit audit, InstantSource clock) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The supervision of call {@code callId} of {@code tenant}, if one is being called or under way. */
    public Optional<Active> onCall(String tenant, String callId) {
        return bySupervision.values().stream().filter(a -> a.tenant().equals(tenant) && a.callId().equals(callId))
                .findFirst();
    }

    /** Registers a supervision before the PBX is asked for it (so its reports find it). */
    void register(Active active) {
        bySupervision.put(active.supervisionId(), active);
    }

    /** The PBX refused the supervision (it never existed), or it was stopped. */
    void forget(String supervisionId) {
        bySupervision.remove(supervisionId);
    }

    /** Audits a step a user asked for (waits until it is stored). */
    void asked(Active active, String action, String userId, Optional<String> detail) {
        audit.add(step(active, action, userId, detail, clock.instant()));
    }

    /** A mode change the PBX carried out on a user's request (before or after the supervisor answered). */
    void changed(String supervisionId, String mode, Optional<String> agent) {
        bySupervision.computeIfPresent(supervisionId, (id, a) -> a.withMode(mode, agent));
    }

    /** The supervisor's phone answered: it takes part in the call as {@code mode} says. */
    public void started(String tenant, String callId, String supervisionId, String device, String mode,
            Optional<String> agent, boolean notified, Instant at) {
        Active active = bySupervision.computeIfPresent(supervisionId, (id, a) -> a.answeredNow());
        String userId = active == null ? "" : active.userId();
        Map<String, Object> fields = fields(supervisionId, userId, device, mode, agent);
        fields.put("notify_agent", notified);
        Active known = active;
        write(() -> {
            if (known != null) audit.add(step(known, "started", known.userId(), Optional.empty(), at));
            journal.append(tenant, "call.supervision_started", Optional.of(callId), Optional.of(device), data(fields));
        });
    }

    /** The supervision switched mode during the call. */
    public void modeChanged(String tenant, String callId, String supervisionId, String mode, Optional<String> agent,
            Instant at) {
        Active active = bySupervision.get(supervisionId);
        String userId = active == null ? "" : active.userId();
        String device = active == null ? "" : active.device();
        Map<String, Object> fields = fields(supervisionId, userId, device, mode, agent);
        write(() -> journal.append(tenant, "call.supervision_mode_changed", Optional.of(callId),
                Optional.ofNullable(active).map(Active::device), data(fields)));
    }

    /**
     * The supervision ended ({@code cause}: {@code stopped}, {@code supervisor_hung_up},
     * {@code call_ended}, {@code not_answered}). A stop asked through the API is audited by the
     * route, with the user who asked.
     */
    public void ended(String tenant, String callId, String supervisionId, String cause, String detail, Instant at) {
        Active active = bySupervision.remove(supervisionId);
        if (active == null) return;
        Map<String, Object> fields = fields(supervisionId, active.userId(), active.device(), active.mode(),
                active.agent());
        fields.put("cause", cause);
        fields.put("detail", detail);
        write(() -> {
            if (!cause.equals("stopped")) {
                audit.add(step(active, "ended", active.userId(), Optional.of(cause + ": " + detail), at));
            }
            journal.append(tenant, "call.supervision_ended", Optional.of(callId), Optional.of(active.device()),
                    data(fields));
        });
    }

    /** The event's own fields under {@code data}, as the other event families send them. */
    private static Map<String, Object> data(Map<String, Object> fields) {
        return Map.of("data", fields);
    }

    private static Map<String, Object> fields(String supervisionId, String userId, String device, String mode,
            Optional<String> agent) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("supervision_id", supervisionId);
        fields.put("supervisor", Map.of("user_id", userId, "device", device));
        fields.put("mode", mode);
        fields.put("agent", agent.orElse(null));
        return fields;
    }

    private static SupervisionStep step(Active a, String action, String userId, Optional<String> detail, Instant at) {
        return new SupervisionStep(UUID.randomUUID().toString(), a.tenant(), a.supervisionId(), a.callId(), action,
                userId, a.device(), a.mode(), a.agent(), detail, at);
    }

    private void write(Runnable work) {
        writer.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("a supervision step was not stored");
            }
        });
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
