package io.ramal.cti.queue;

import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An event about a queue, in the same envelope as call, device and agent events: {@code call_id} and
 * the caller fields are the waiting caller's (null for member events), {@code device} the agent's device
 * (null for caller events, and for members not logged in); {@code direction}, the callee fields and
 * {@code call} are null. {@code data} holds the caller or the member and the fields of each type.
 */
public sealed interface QueueEvent {
    String tenant();

    Instant at();

    /** The dotted type name, e.g. {@code queue.caller_joined}. */
    String type();

    Optional<String> callId();

    Optional<String> device();

    Map<String, Object> data();

    default Optional<String> callerNumber() {
        return Optional.empty();
    }

    default Optional<String> callerName() {
        return Optional.empty();
    }

    /** The whole event: {@code type, tenant, ts, call_id, device, direction, ..., data, call}. */
    default Map<String, Object> toJson() {
        return JsonFields.create()
                .put("type", type())
                .put("tenant", tenant())
                .put("ts", at())
                .put("call_id", callId())
                .put("device", device())
                .put("direction", null)
                .put("caller_number", callerNumber())
                .put("caller_name", callerName())
                .put("callee_number", null)
                .put("callee_name", null)
                .put("data", data())
                .put("call", null)
                .build();
    }

    /** Events about a waiting caller: the caller as it is at the event. */
    sealed interface AboutCaller extends QueueEvent {
        QueueCaller caller();

        @Override
        default Optional<String> callId() {
            return Optional.of(caller().callId());
        }

        @Override
        default Optional<String> callerNumber() {
            return Optional.of(caller().callerNumber());
        }

        @Override
        default Optional<String> callerName() {
            return caller().callerName();
        }
    }

    /** Events about a membership: the member after the event, and who caused it (a user id, or {@code system}). */
    sealed interface AboutMember extends QueueEvent {
        QueueMember member();

        String by();

        @Override
        default Optional<String> callId() {
            return Optional.empty();
        }

        default Map<String, Object> extra() {
            return Map.of();
        }

        @Override
        default Map<String, Object> data() {
            return JsonFields.create().putAll(member().toJson()).put("by", by()).putAll(extra()).build();
        }
    }

    /** {@code queue.caller_joined}: a caller entered the queue; {@code waiting} callers are in it now. */
    record CallerJoined(String tenant, Instant at, QueueCaller caller, int waiting) implements AboutCaller {
        public CallerJoined {
            check(tenant, at);
            Objects.requireNonNull(caller, "caller");
        }

        @Override
        public String type() {
            return "queue.caller_joined";
        }

        @Override
        public Optional<String> device() {
            return Optional.empty();
        }

        @Override
        public Map<String, Object> data() {
            return JsonFields.create().putAll(caller.toJson()).put("waiting", waiting).build();
        }
    }

    /**
     * {@code queue.caller_left}: the caller left the queue ({@code reason}); for an answered call, the agent
     * who answered; for an overflow, where it went. {@code caller} is as it was at the moment it left.
     */
    record CallerLeft(String tenant, Instant at, QueueCaller caller, LeaveReason reason,
            Optional<QueueCaller.Ringing> answeredBy, Optional<OverflowTarget> destination) implements AboutCaller {
        public CallerLeft {
            check(tenant, at);
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(answeredBy, "answeredBy");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public String type() {
            return "queue.caller_left";
        }

        @Override
        public Optional<String> device() {
            return answeredBy.map(QueueCaller.Ringing::device);
        }

        @Override
        public Map<String, Object> data() {
            return JsonFields.create().putAll(caller.toJson()).put("reason", reason.wire())
                    .put("answered_by", answeredBy.map(QueueCaller.Ringing::toJson))
                    .put("destination", destination.map(OverflowTarget::toString)).build();
        }
    }

    /**
     * {@code queue.offered}: the caller's call is offered to an agent (its device rings); {@code attempt}
     * counts the offers made for this caller, from 1 (a ring-all round is one attempt).
     */
    record Offered(String tenant, Instant at, QueueCaller caller, QueueCaller.Ringing agent, int attempt,
            Duration ringTimeout) implements AboutCaller {
        public Offered {
            check(tenant, at);
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(ringTimeout, "ringTimeout");
        }

        @Override
        public String type() {
            return "queue.offered";
        }

        @Override
        public Optional<String> device() {
            return Optional.of(agent.device());
        }

        @Override
        public Map<String, Object> data() {
            return JsonFields.create().putAll(caller.toJson()).put("agent", agent.toJson()).put("attempt", attempt)
                    .put("ring_timeout_s", ringTimeout.toSeconds()).build();
        }
    }

    /** {@code queue.member_joined}: an agent joined the queue (TotalVoice {@code entrou_na_fila}). */
    record MemberJoined(String tenant, Instant at, QueueMember member, Optional<String> device, String by)
            implements AboutMember {
        public MemberJoined {
            check(tenant, at, member, device, by);
        }

        @Override
        public String type() {
            return "queue.member_joined";
        }
    }

    /** {@code queue.member_left}: an agent left the queue (TotalVoice {@code saiu_da_fila}). */
    record MemberLeft(String tenant, Instant at, QueueMember member, Optional<String> device, String by,
            LeftCause cause) implements AboutMember {
        /** How the membership ended. */
        public enum LeftCause {
            /** The agent or someone for it asked. */
            REQUESTED,
            /** The queue was deleted. */
            QUEUE_DELETED;

            public String wire() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public MemberLeft {
            check(tenant, at, member, device, by);
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public String type() {
            return "queue.member_left";
        }

        @Override
        public Map<String, Object> extra() {
            return JsonFields.create().put("cause", cause.wire()).build();
        }
    }

    /** {@code queue.member_paused}: the member was paused in the queue (TotalVoice {@code pausou_na_fila}). */
    record MemberPaused(String tenant, Instant at, QueueMember member, Optional<String> device, String by)
            implements AboutMember {
        public MemberPaused {
            check(tenant, at, member, device, by);
        }

        @Override
        public String type() {
            return "queue.member_paused";
        }
    }

    /** {@code queue.member_unpaused}: the member takes the queue's calls again ({@code despausou_na_fila}). */
    record MemberUnpaused(String tenant, Instant at, QueueMember member, Optional<String> device, String by)
            implements AboutMember {
        public MemberUnpaused {
            check(tenant, at, member, device, by);
        }

        @Override
        public String type() {
            return "queue.member_unpaused";
        }
    }

    private static void check(String tenant, Instant at) {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
    }

    private static void check(String tenant, Instant at, QueueMember member, Optional<String> device, String by) {
        check(tenant, at);
        Objects.requireNonNull(member, "member");
        Identifiers.nonBlank(device, "device");
        Identifiers.nonBlank(by, "by");
    }
}
