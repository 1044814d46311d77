package io.ramal.cti.agent;

import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An event about an agent, in the same envelope as call and device events ({@code call_id},
 * {@code direction}, the caller and callee fields and {@code call} are null; {@code device} is the
 * agent's device). {@code data} is the agent after the event plus the fields of each type.
 */
public sealed interface AgentEvent {
    String tenant();

    Instant at();

    /** The agent after the event. */
    AgentView agent();

    /** The dotted type name, e.g. {@code agent.paused}. */
    String type();

    /** The device the event concerns (for a logout: the device the session held). */
    default Optional<String> device() {
        return agent().device();
    }

    /** The fields particular to the type, added after the agent's. */
    default Map<String, Object> extra() {
        return Map.of();
    }

    default Map<String, Object> data() {
        return JsonFields.create().putAll(agent().toJson()).putAll(extra()).build();
    }

    /** The whole event: {@code type, tenant, ts, call_id, device, direction, ..., data, call}. */
    default Map<String, Object> toJson() {
        return JsonFields.create()
                .put("type", type())
                .put("tenant", tenant())
                .put("ts", at())
                .put("call_id", null)
                .put("device", device())
                .put("direction", null)
                .put("caller_number", null)
                .put("caller_name", null)
                .put("callee_number", null)
                .put("callee_name", null)
                .put("data", data())
                .put("call", null)
                .build();
    }

    /** {@code agent.logged_in}: a session started; the agent is available. */
    record LoggedIn(String tenant, Instant at, AgentView agent) implements AgentEvent {
        public LoggedIn {
            check(tenant, at, agent);
        }

        @Override
        public String type() {
            return "agent.logged_in";
        }
    }

    /** {@code agent.logged_out}: the session on {@code device} ended ({@code cause}: how). */
    record LoggedOut(String tenant, Instant at, AgentView agent, String fromDevice, IntervalEnd cause)
            implements AgentEvent {
        public LoggedOut {
            check(tenant, at, agent);
            Identifiers.nonBlank(fromDevice, "fromDevice");
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public String type() {
            return "agent.logged_out";
        }

        @Override
        public Optional<String> device() {
            return Optional.of(fromDevice);
        }

        @Override
        public Map<String, Object> extra() {
            return JsonFields.create().put("cause", cause.wire()).build();
        }
    }

    /** {@code agent.paused}: the agent entered a pause reason ({@code cause}: requested, after_call, vanished). */
    record Paused(String tenant, Instant at, AgentView agent, String cause) implements AgentEvent {
        public Paused {
            check(tenant, at, agent);
            Identifiers.nonBlank(cause, "cause");
        }

        @Override
        public String type() {
            return "agent.paused";
        }

        @Override
        public Map<String, Object> extra() {
            return JsonFields.create().put("cause", cause).build();
        }
    }

    /** {@code agent.available}: the agent left its pause and may take calls. */
    record Available(String tenant, Instant at, AgentView agent) implements AgentEvent {
        public Available {
            check(tenant, at, agent);
        }

        @Override
        public String type() {
            return "agent.available";
        }
    }

    /** {@code agent.pause_pending}: a pause waits for the device's current call to end. */
    record PausePending(String tenant, Instant at, AgentView agent) implements AgentEvent {
        public PausePending {
            check(tenant, at, agent);
        }

        @Override
        public String type() {
            return "agent.pause_pending";
        }
    }

    /** {@code agent.pause_exceeded}: the agent has been in its reason longer than the reason's maximum. */
    record PauseExceeded(String tenant, Instant at, AgentView agent, Duration maximum) implements AgentEvent {
        public PauseExceeded {
            check(tenant, at, agent);
            Objects.requireNonNull(maximum, "maximum");
        }

        @Override
        public String type() {
            return "agent.pause_exceeded";
        }

        @Override
        public Map<String, Object> extra() {
            return JsonFields.create().put("max_duration_s", maximum.toSeconds()).build();
        }
    }

    /** {@code agent.reasons}: the pause reasons the agent may use (EPBX {@code onInfoIntervaloRamal}). */
    record ReasonsOffered(String tenant, Instant at, AgentView agent, List<PauseReason> reasons)
            implements AgentEvent {
        public ReasonsOffered {
            check(tenant, at, agent);
            reasons = List.copyOf(reasons);
        }

        @Override
        public String type() {
            return "agent.reasons";
        }

        @Override
        public Map<String, Object> extra() {
            List<Object> list = new ArrayList<>();
            reasons.forEach(r -> list.add(r.toJson()));
            return JsonFields.create().put("reasons", List.copyOf(list)).build();
        }
    }

    private static void check(String tenant, Instant at, AgentView agent) {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(agent, "agent");
    }
}
