package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
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

/** The supervision audit on both databases: steps come back in order, paged, per tenant. */
@ParameterizedClass
@EnumSource(Backend.class)
class SupervisionAuditTest {

    @Parameter
    Backend backend;

    private static ScratchDatabase scratch;
    private static DataSource dataSource;
    private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        scratch = ScratchDatabase.create(backend);
        dataSource = scratch.open().dataSource();
    }

    @AfterParameterizedClassInvocation
    static void removeStore() {
        scratch.close();
    }

    private final SupervisionAudit audit = new SupervisionAudit(dataSource);

    @Test
    void stepsComeBackOldestFirstInPagesThatChainByCursor() {
        String tenant = RandomTenant.create(dataSource);
        audit.add(step("s3", tenant, "c1", "ended", 3, Optional.of("stopped")));
        audit.add(step("s1", tenant, "c1", "requested", 1, Optional.empty()));
        audit.add(step("s2", tenant, "c1", "mode_changed", 2, Optional.empty()));

        SupervisionAudit.Page first = audit.list(tenant, Optional.empty(), Optional.empty(), 2);
        SupervisionAudit.Page second = audit.list(tenant, Optional.empty(), first.nextCursor(), 2);

        assertThat(first.steps()).extracting(SupervisionStep::action).containsExactly("requested", "mode_changed");
        assertThat(second.steps()).extracting(SupervisionStep::action).containsExactly("ended");
        assertThat(second.nextCursor()).isEmpty();
        assertThat(second.steps().getFirst()).isEqualTo(step("s3", tenant, "c1", "ended", 3, Optional.of("stopped")));
    }

    @Test
    void aTenantSeesOnlyItsOwnStepsAndMayNarrowToOneCall() {
        String tenant = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        audit.add(step("a1", tenant, "c1", "requested", 1, Optional.empty()));
        audit.add(step("a2", tenant, "c2", "requested", 2, Optional.empty()));
        audit.add(step("b1", other, "c9", "requested", 1, Optional.empty()));

        assertThat(audit.list(tenant, Optional.empty(), Optional.empty(), 10).steps()).extracting(SupervisionStep::callId)
                .containsExactly("c1", "c2");
        assertThat(audit.list(tenant, Optional.of("c2"), Optional.empty(), 10).steps()).extracting(SupervisionStep::callId)
                .containsExactly("c2");
        assertThat(audit.list(other, Optional.empty(), Optional.empty(), 10).steps()).hasSize(1);
    }

    @Test
    void aCursorThisStoreDidNotMakeIsRefused() {
        assertThatThrownBy(() -> audit.list("t", Optional.empty(), Optional.of("not a cursor"), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SupervisionStep step(String id, String tenant, String call, String action, int seconds,
            Optional<String> detail) {
        return new SupervisionStep(id + tenant, tenant, "sup-" + call, call, action, "u-carol", "1003", "listen",
                Optional.of("1002"), detail, T0.plusSeconds(seconds));
    }
}
