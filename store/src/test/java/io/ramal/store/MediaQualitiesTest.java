package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

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

@ParameterizedClass
@EnumSource(Backend.class)
class MediaQualitiesTest {
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    @Parameter
    Backend backend;

    private static ScratchDatabase scratch;
    private static DataSource dataSource;

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        scratch = ScratchDatabase.create(backend);
        dataSource = scratch.open().dataSource();
    }

    @AfterParameterizedClassInvocation
    static void removeStore() {
        scratch.close();
    }

    private final MediaQualities qualities = new MediaQualities(dataSource);

    @Test
    void bothLegsOfACallComeBackCallerFirstWithWhatThePhonesReported() {
        String tenant = RandomTenant.create(dataSource);
        MediaQuality callee = new MediaQuality(tenant, "call-1", MediaQuality.Leg.CALLEE, 500, 480, 20,
                Duration.ofMillis(3), 2, 0, Optional.empty(), Optional.empty(), T0);
        MediaQuality caller = new MediaQuality(tenant, "call-1", MediaQuality.Leg.CALLER, 500, 500, 0,
                Duration.ofNanos(1_250_000), 2, 3,
                Optional.of(new MediaQuality.PeerView(26, 12, Duration.ofMillis(4), Optional.of(Duration.ofMillis(42)))),
                Optional.of(Duration.ofMillis(55)), T0);
        qualities.put(callee);
        qualities.put(caller);

        assertThat(qualities.ofCall(tenant, "call-1")).containsExactly(caller, callee);
        assertThat(qualities.ofCall(RandomTenant.create(dataSource), "call-1")).as("another tenant").isEmpty();
        assertThat(callee.lossRatio()).isEqualTo(0.04);
    }

    @Test
    void severalCallsAreReadAtOnceAndALaterReportReplacesAnEarlierOne() {
        String tenant = RandomTenant.create(dataSource);
        for (String call : List.of("a", "b", "c")) {
            qualities.put(new MediaQuality(tenant, call, MediaQuality.Leg.CALLER, 1, 1, 0, Duration.ZERO, 0, 0,
                    Optional.empty(), Optional.empty(), T0));
        }
        MediaQuality again = new MediaQuality(tenant, "b", MediaQuality.Leg.CALLER, 9, 9, 0, Duration.ZERO, 1, 1,
                Optional.of(new MediaQuality.PeerView(0, 0, Duration.ZERO, Optional.empty())), Optional.empty(), T0);
        qualities.put(again);

        assertThat(qualities.ofCalls(tenant, List.of("a", "b"))).extracting(MediaQuality::callId, MediaQuality::packetsSent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1L), org.assertj.core.groups.Tuple.tuple("b", 9L));
        assertThat(qualities.ofCall(tenant, "b").getFirst().peer()).isPresent();
        assertThat(qualities.ofCalls(tenant, List.of())).isEmpty();
    }
}
