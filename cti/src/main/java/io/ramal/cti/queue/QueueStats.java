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
 * A queue's numbers over a window {@code [from, to)}: callers now and their longest wait (live), and how
 * the callers that entered in the window were served and its members' calls (from the stored
 * {@link QueueCall passages}, so they survive restarts).
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
        Instant from,
        Instant to,
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
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(longestWait, "longestWait");
        Objects.requireNonNull(totalAnswerWait, "totalAnswerWait");
        Objects.requireNonNull(serviceLevel, "serviceLevel");
        agents = List.copyOf(agents);
    }

    /**
     * The numbers of the queue now ({@code live}) and of its callers that entered in {@code [from, to)}
     * ({@code calls}; passages of other queues are left out). A caller still waiting, or cut by a restart
     * while it waited, counts as entered only.
     */
    public static QueueStats of(QueueLive live, Instant from, Instant to, List<QueueCall> calls) {
        long entered = 0;
        long answered = 0;
        long within = 0;
        long abandoned = 0;
        long overflowed = 0;
        long timedOut = 0;
        long refused = 0;
        Duration answerWait = Duration.ZERO;
        List<QueueCall> mine = calls.stream().filter(c -> c.queue().equals(live.queue())).toList();
        for (QueueCall call : mine) {
            switch (call.outcome()) {
                case REFUSED -> refused++;
                case WAITING -> entered++;
                case ANSWERED -> {
                    entered++;
                    answered++;
                    answerWait = answerWait.plus(call.waited().orElseThrow());
                    if (call.answeredWithinServiceLevel()) {
                        within++;
                    }
                }
                case ABANDONED -> {
                    entered++;
                    abandoned++;
                }
                case OVERFLOWED -> {
                    entered++;
                    overflowed++;
                }
                case TIMED_OUT -> {
                    entered++;
                    timedOut++;
                }
            }
        }
        return new QueueStats(live.queue(), from, to, live.waiting(), live.longestWait(), entered, answered, within,
                abandoned, overflowed, timedOut, refused, answerWait, live.serviceLevel(), live.members(),
                live.ready(), AgentStats.of(mine));
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
     * {@code {queue, from, to, waiting, longest_wait_s, entered, answered, answered_within_sl, abandoned,
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
                .put("from", from)
                .put("to", to)
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
