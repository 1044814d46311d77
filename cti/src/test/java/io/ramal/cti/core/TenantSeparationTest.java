package io.ramal.cti.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.TenantSnapshot;
import io.ramal.cti.control.CallCommand;
import io.ramal.cti.control.RefusalCode;
import io.ramal.cti.fact.ContactRegistered;
import io.ramal.cti.fact.LegHeld;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Nothing of one tenant is visible to, or changed by, another. */
class TenantSeparationTest {
    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void factsOfTenantBNeverAffectTenantAsSnapshot() {
        Switchboards all = new Switchboards();
        TelephonyScript a = new TelephonyScript(all.forTenant("a"));
        TelephonyScript b = new TelephonyScript(all.forTenant("b"));
        a.register("1001", 1, DeviceAbilities.FULL);
        a.register("1002", 1, DeviceAbilities.FULL);
        a.talking("c1", "1001", "1002");
        TenantSnapshot before = a.board.snapshot();

        b.register("1001", 2, DeviceAbilities.NONE);
        b.register("1002", 1, DeviceAbilities.NONE);
        b.talking("c1", "1001", "1002");
        b.hold("c1", "c1-a");
        b.release("c1", "c1-a", ReleaseCause.NORMAL);
        all.on(new ContactRegistered("b", "1009", T, 1, DeviceAbilities.NONE));

        assertThat(a.board.snapshot()).isEqualTo(before);
        assertThat(b.board.snapshot().calls().getFirst().parties()).hasSize(1);
        assertThat(all.find("a").orElseThrow().device("1009")).isEmpty();
        assertThat(b.events).allMatch(e -> e.tenant().equals("b"));
        assertThat(a.events).allMatch(e -> e.tenant().equals("a"));
    }

    @Test
    void aSwitchboardRefusesFactsOfAnotherTenant() {
        TelephonyScript a = new TelephonyScript("a");
        a.register("1001", 1, DeviceAbilities.FULL);
        a.register("1002", 1, DeviceAbilities.FULL);
        a.talking("c1", "1001", "1002");
        TenantSnapshot before = a.board.snapshot();

        Outcome foreign = a.board.on(new LegHeld("b", "c1", T, "c1-a", io.ramal.cti.HoldOrigin.DEVICE));
        Outcome foreignDevice = a.board.on(new ContactRegistered("b", "1001", T, 3, DeviceAbilities.NONE));

        assertThat(foreign.events()).isEmpty();
        assertThat(foreign.anomaly()).map(Anomaly::kind).contains(Anomaly.Kind.WRONG_TENANT);
        assertThat(foreignDevice.anomaly()).isPresent();
        assertThat(a.board.snapshot()).isEqualTo(before);
    }

    @Test
    void commandsOfAnotherTenantFindNothing() {
        TelephonyScript a = new TelephonyScript("a");
        a.register("1001", 1, DeviceAbilities.FULL);
        a.register("1002", 1, DeviceAbilities.FULL);
        a.talking("c1", "1001", "1002");

        assertThat(a.board.check(new CallCommand.Hold("b", "c1", "1001", OptionalLong.empty())))
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(RefusalCode.NOT_FOUND));
        assertThat(a.board.check(new CallCommand.Originate("b", "1001", "1002")))
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(RefusalCode.NOT_FOUND));
        assertThat(a.board.check(new CallCommand.Hangup("a", "c1", Optional.empty(), OptionalLong.empty())))
                .isEmpty();
    }
}
