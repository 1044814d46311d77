package io.ramal.cti.queue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The strategies' choice among the members that may take a caller now and were not yet tried for it:
 * only the lowest priority tier among them is considered; ring all takes the whole tier, the others one
 * member of it. Pure: the distributor gives it what it knows.
 */
final class Hunt {

    /**
     * A member that may take the call now.
     *
     * @param order     its place in the queue's join order (round robin's ring order)
     * @param idleSince when it became idle (longest idle)
     * @param answered  calls of this queue it answered (fewest calls)
     */
    record Candidate(String agentId, int priority, long order, Instant idleSince, long answered) {
        Candidate {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(idleSince, "idleSince");
        }
    }

    private static final Comparator<Candidate> JOIN_ORDER = Comparator.comparingLong(Candidate::order);

    private Hunt() {}

    /**
     * The members to offer the call to, or none when every candidate was tried in this round (the caller
     * starts a new round). The tier is the lowest that has a candidate not in {@code tried}; ring all
     * takes every candidate of that tier (tried or not: a ring-all round rings the whole tier), the
     * others one untried member of it. {@code lastOffered} is the join order of the member round robin
     * offered a call last (-1 for none).
     */
    static List<Candidate> choose(Strategy strategy, List<Candidate> candidates, Set<String> tried, long lastOffered) {
        List<Candidate> untried = candidates.stream().filter(c -> !tried.contains(c.agentId())).toList();
        if (untried.isEmpty()) {
            return List.of();
        }
        int tier = untried.stream().mapToInt(Candidate::priority).min().orElseThrow();
        List<Candidate> pool = untried.stream().filter(c -> c.priority() == tier).sorted(JOIN_ORDER).toList();
        return switch (strategy) {
            case RING_ALL -> candidates.stream().filter(c -> c.priority() == tier).sorted(JOIN_ORDER).toList();
            case LONGEST_IDLE -> List.of(pool.stream()
                    .min(Comparator.comparing(Candidate::idleSince).thenComparing(JOIN_ORDER)).orElseThrow());
            case ROUND_ROBIN -> List.of(pool.stream().filter(c -> c.order() > lastOffered).findFirst()
                    .orElse(pool.getFirst()));
            case FEWEST_CALLS -> List.of(pool.stream()
                    .min(Comparator.comparingLong(Candidate::answered).thenComparing(JOIN_ORDER)).orElseThrow());
        };
    }
}
