package io.ramal.cti.queue;

import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A queue's numbers since {@code since} (when the server took the queue up): callers now and their
 * longest wait, how the callers that came were served, and its members' calls.
 *
 * <p>The service level is the share of callers answered within the queue's threshold among the callers
 * that left it (answered, abandoned, overflowed or timed out): {@code 100 × answeredWithinServiceLevel /
 * (answered + abandoned + overflowed + timedOut)}. Callers turned away because the queue was full
 * ({@code refused}) never entered it and are not counted there.
 *
 * @param entered         callers that entered the queue
 * @param totalAnswerWait the waits of the answered callers, summed
 * @param members         members of the queue; {@code ready} of them would be offered the next call
 */
public record QueueStats(
        String queue,
        Instant since,
        int waiting,
        Duration longestWait,
        long entered,
        long answered,
        long answeredWithinServiceLevel,
        long abandoned,
        long overflowed,
        long timedOut,
        long refused,
        Duration totalAnswerWait,
        Duration serviceLevel,
        int members,
        int ready,
        List<AgentStats> agents) {

    public QueueStats {
        Identifiers.nonBlank(queue, "queue");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(longestWait, "longestWait");
        Objects.requireNonNull(totalAnswerWait, "totalAnswerWait");
        Objects.requireNonNull(serviceLevel, "serviceLevel");
        agents = List.copyOf(agents);
    }

    /** The callers that left the queue by any way. */
    public long left() {
        return answered + abandoned + overflowed + timedOut;
    }

    /** Percentage of the callers that left who were answered within the threshold; empty before the first. */
    public OptionalDouble serviceLevelPercent() {
        return left() == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * answeredWithinServiceLevel / left());
    }

    /** Mean wait of the answered callers, in seconds; empty before the first. */
    public OptionalDouble averageAnswerSeconds() {
        return answered == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(totalAnswerWait.toMillis() / 1000.0 / answered);
    }

    /**
     * {@code {queue, since, waiting, longest_wait_s, entered, answered, answered_within_sl, abandoned,
     * overflowed, timed_out, refused, service_level_s, service_level_pct, average_answer_s, members, ready,
     * agents}}.
     */
    public Map<String, Object> toJson() {
        OptionalDouble sl = serviceLevelPercent();
        OptionalDouble asa = averageAnswerSeconds();
        List<Object> perAgent = new ArrayList<>();
        agents.forEach(a -> perAgent.add(a.toJson()));
        return JsonFields.create()
                .put("queue", queue)
                .put("since", since)
                .put("waiting", waiting)
                .put("longest_wait_s", longestWait.toSeconds())
                .put("entered", entered)
                .put("answered", answered)
                .put("answered_within_sl", answeredWithinServiceLevel)
                .put("abandoned", abandoned)
                .put("overflowed", overflowed)
                .put("timed_out", timedOut)
                .put("refused", refused)
                .put("service_level_s", serviceLevel.toSeconds())
                .put("service_level_pct", sl.isPresent() ? round(sl.getAsDouble()) : null)
                .put("average_answer_s", asa.isPresent() ? round(asa.getAsDouble()) : null)
                .put("members", members)
                .put("ready", ready)
                .put("agents", List.copyOf(perAgent))
                .build();
    }

    /** One decimal place, half up. */
    static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    /** A duration in seconds with one decimal place. */
    static double seconds(Duration duration) {
        return round(duration.toMillis() / 1000.0);
    }
}
