package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.agent.HandledCall;
import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Handled calls on both databases: read back by their answer's time, per agent or tenant, once each. */
@ParameterizedClass
@EnumSource(Backend.class)
class AgentCallsTest {

    @Parameter
    Backend backend;

    private static ScratchDatabase scratch;
    private static DataSource dataSource;
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        scratch = ScratchDatabase.create(backend);
        dataSource = scratch.open().dataSource();
    }

    @AfterParameterizedClassInvocation
    static void removeStore() {
        scratch.close();
    }

    private final AgentCalls calls = new AgentCalls(dataSource);

    @Test
    void callsComeBackByTheirAnswerInTheWindowAndAreStoredOnce() {
        String tenant = RandomTenant.create(dataSource);
        HandledCall first = call(tenant, "c1", "u-alice", Optional.of("sales"), 0, Duration.ofSeconds(10));
        HandledCall second = call(tenant, "c2", "u-bob", Optional.empty(), 60, Duration.ZERO);
        HandledCall late = call(tenant, "c3", "u-alice", Optional.empty(), 3600, Duration.ZERO);
        calls.add(List.of(second, first, late));
        calls.add(List.of(first));

        assertThat(calls.answered(tenant, Optional.empty(), T0, T0.plusSeconds(3600)))
                .containsExactly(first, second);
        assertThat(calls.answered(tenant, Optional.of("u-alice"), T0, T0.plusSeconds(7200)))
                .containsExactly(first, late);
        assertThat(calls.answered(RandomTenant.create(dataSource), Optional.empty(), T0, T0.plusSeconds(7200)))
                .isEmpty();
    }

    private static HandledCall call(String tenant, String callId, String agent, Optional<String> queue, int answered,
            Duration wrapUp) {
        Instant at = T0.plusSeconds(answered);
        return new HandledCall(tenant, agent, agent.substring(2), "s-" + agent, "1001", callId, queue,
                at.minusMillis(2500), at, at.plusMillis(61_234), wrapUp);
    }
}
