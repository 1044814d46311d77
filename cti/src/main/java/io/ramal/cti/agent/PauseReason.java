package io.ramal.cti.agent;

import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of a tenant's catalogue of pause reasons (EPBX "intervalo"): lunch, training, back
 * office... An agent in it is paused; {@code productive} says whether that time counts as work.
 *
 * @param groups      the agent groups that may use it; empty means every agent
 * @param maxDuration after this long in the pause an {@code agent.pause_exceeded} alert is raised
 */
public record PauseReason(
        String id,
        String name,
        boolean productive,
        boolean mayPlaceCalls,
        boolean mayReceiveCalls,
        Set<String> groups,
        Optional<Duration> maxDuration) {

    public PauseReason {
        Identifiers.nonBlank(id, "id");
        Identifiers.nonBlank(name, "name");
        groups = Set.copyOf(groups);
        Objects.requireNonNull(maxDuration, "maxDuration");
        maxDuration.ifPresent(max -> {
            if (max.isNegative() || max.isZero()) {
                throw new IllegalArgumentException("maxDuration must be positive: " + max);
            }
        });
    }

    /** Whether an agent of these groups may use the reason (a reason without groups is for everyone). */
    public boolean usableBy(Set<String> agentGroups) {
        return groups.isEmpty() || groups.stream().anyMatch(agentGroups::contains);
    }

    /** {@code {id, name, productive, may_place_calls, may_receive_calls, groups, max_duration_s}}. */
    public Map<String, Object> toJson() {
        return JsonFields.create()
                .put("id", id)
                .put("name", name)
                .put("productive", productive)
                .put("may_place_calls", mayPlaceCalls)
                .put("may_receive_calls", mayReceiveCalls)
                .put("groups", java.util.List.copyOf(new TreeSet<>(groups)))
                .put("max_duration_s", maxDuration.map(Duration::toSeconds))
                .build();
    }
}
