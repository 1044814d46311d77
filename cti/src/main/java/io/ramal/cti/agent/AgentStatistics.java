package io.ramal.cti.agent;

import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One agent's numbers over a window {@code [from, to)}, from durable data only: the interval ledger and
 * the calls it handled. Every time is clipped to the window, and the window ends at {@code now} when
 * {@code to} lies ahead (an open interval counts up to now).
 *
 * <ul>
 *   <li>{@code available}, {@code paused} (and per reason): the ledger rows in those states, clipped;
 *       {@code loggedIn} is their sum (logged-out rows are not counted);
 *   <li>a handled call belongs to the window its answer falls in, whole: its talk time (answer to the
 *       agent's end of the call, holds included) and its wrap-up are counted even past {@code to};
 *   <li>{@code handling} = talk + wrap-up; the average is over the handled calls, rounded to the
 *       millisecond (half up).
 * </ul>
 */
public record AgentStatistics(
        String agentId,
        String username,
        Instant from,
        Instant to,
        Duration available,
        Duration paused,
        List<ReasonTime> reasons,
        long callsHandled,
        long queueCallsHandled,
        Duration talk,
        Duration wrapUp) {

    /**
     * Time in one pause reason (named as by its latest row in the window), over how many ledger rows of it
     * had time in the window.
     */
    public record ReasonTime(String id, String name, boolean productive, Duration time, int intervals) {
        public ReasonTime {
            Identifiers.nonBlank(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(time, "time");
        }

        Map<String, Object> toJson() {
            return JsonFields.create().put("id", id).put("name", name).put("productive", productive)
                    .put("time_ms", time.toMillis()).put("intervals", intervals).build();
        }
    }

    public AgentStatistics {
        Identifiers.nonBlank(agentId, "agentId");
        Identifiers.nonBlank(username, "username");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(paused, "paused");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(talk, "talk");
        Objects.requireNonNull(wrapUp, "wrapUp");
    }

    /**
     * The agent's numbers from its ledger rows overlapping the window and its handled calls (any; those
     * answered outside the window are left out here).
     */
    public static AgentStatistics of(String agentId, String username, List<Interval> rows, List<HandledCall> calls,
            Instant from, Instant to, Instant now) {
        Instant end = to.isAfter(now) ? now : to;
        Duration available = Duration.ZERO;
        Duration paused = Duration.ZERO;
        Map<String, ReasonTime> reasons = new LinkedHashMap<>();
        for (Interval row : rows) {
            if (!row.agentId().equals(agentId)) {
                continue;
            }
            Duration inside = clipped(row.startedAt(), row.endedAt().orElse(now), from, end);
            switch (row.state()) {
                case AVAILABLE -> available = available.plus(inside);
                case PAUSED -> {
                    if (inside.isZero()) {
                        continue;
                    }
                    paused = paused.plus(inside);
                    PauseReason reason = row.reason().orElseThrow();
                    ReasonTime before = reasons.get(reason.id());
                    reasons.put(reason.id(), new ReasonTime(reason.id(), reason.name(), reason.productive(),
                            inside.plus(before == null ? Duration.ZERO : before.time()),
                            1 + (before == null ? 0 : before.intervals())));
                }
                case LOGGED_OUT -> { }
            }
        }
        long handled = 0;
        long fromQueues = 0;
        Duration talk = Duration.ZERO;
        Duration wrapUp = Duration.ZERO;
        for (HandledCall call : calls) {
            boolean inWindow = !call.answeredAt().isBefore(from) && call.answeredAt().isBefore(to);
            if (!call.agentId().equals(agentId) || !inWindow) {
                continue;
            }
            handled++;
            if (call.queue().isPresent()) {
                fromQueues++;
            }
            talk = talk.plus(call.talk());
            wrapUp = wrapUp.plus(call.wrapUp());
        }
        return new AgentStatistics(agentId, username, from, to, available, paused, new ArrayList<>(reasons.values()),
                handled, fromQueues, talk, wrapUp);
    }

    /** Available and paused. */
    public Duration loggedIn() {
        return available.plus(paused);
    }

    public Duration handling() {
        return talk.plus(wrapUp);
    }

    /** The mean handling time in whole milliseconds (half up); empty before the first handled call. */
    public java.util.OptionalLong averageHandlingMillis() {
        return callsHandled == 0 ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of((handling().toMillis() * 2 + callsHandled) / (2 * callsHandled));
    }

    /**
     * {@code {agent_id, username, from, to, logged_in_ms, available_ms, paused_ms, reasons, calls_handled,
     * queue_calls_handled, talk_ms, wrap_up_ms, handling_ms, average_handling_ms}}.
     */
    public Map<String, Object> toJson() {
        List<Object> perReason = new ArrayList<>();
        reasons.forEach(r -> perReason.add(r.toJson()));
        java.util.OptionalLong average = averageHandlingMillis();
        return JsonFields.create()
                .put("agent_id", agentId)
                .put("username", username)
                .put("from", from)
                .put("to", to)
                .put("logged_in_ms", loggedIn().toMillis())
                .put("available_ms", available.toMillis())
                .put("paused_ms", paused.toMillis())
                .put("reasons", List.copyOf(perReason))
                .put("calls_handled", callsHandled)
                .put("queue_calls_handled", queueCallsHandled)
                .put("talk_ms", talk.toMillis())
                .put("wrap_up_ms", wrapUp.toMillis())
                .put("handling_ms", handling().toMillis())
                .put("average_handling_ms", average.isPresent() ? average.getAsLong() : null)
                .build();
    }

    private static Duration clipped(Instant start, Instant end, Instant from, Instant to) {
        Instant a = start.isAfter(from) ? start : from;
        Instant b = end.isBefore(to) ? end : to;
        return b.isAfter(a) ? Duration.between(a, b) : Duration.ZERO;
    }
}
