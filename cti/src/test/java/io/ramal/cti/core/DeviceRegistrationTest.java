package io.ramal.cti.core;

import static io.ramal.cti.core.TelephonyScript.trace;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.DeviceSnapshot;
import io.ramal.cti.UnregisterReason;
import io.ramal.cti.event.DeviceEvent;
import io.ramal.cti.event.DeviceUnregistered;
import org.junit.jupiter.api.Test;

/** Device registration as the PBX reports contacts coming and going. */
class DeviceRegistrationTest {
    private final TelephonyScript pbx = new TelephonyScript("acme");

    @Test
    void firstContactRegistersTheDevice() {
        DeviceEvent event = (DeviceEvent) pbx.register("1001", 1, DeviceAbilities.NONE).getFirst();

        assertThat(event.type().wire()).isEqualTo("device.registered");
        assertThat(event.device()).contains("1001");
        assertThat(event.callId()).isEmpty();
        assertThat(event.snapshot().registered()).isTrue();
        assertThat(event.snapshot().contacts()).isEqualTo(1);
        assertThat(pbx.board.device("1001")).hasValueSatisfying(d -> assertThat(d.registered()).isTrue());
    }

    @Test
    void aRefreshThatChangesNothingIsSilent() {
        pbx.register("1001", 1, DeviceAbilities.NONE);

        assertThat(pbx.register("1001", 1, DeviceAbilities.NONE)).isEmpty();
        assertThat(pbx.anomalies).isEmpty();
        assertThat(pbx.board.device("1001").orElseThrow().since()).isEqualTo(TelephonyScript.START.plusSeconds(1));
    }

    @Test
    void aSecondContactOrNewAbilitiesAreReported() {
        pbx.register("1001", 1, DeviceAbilities.NONE);
        pbx.register("1001", 2, DeviceAbilities.NONE);
        pbx.register("1001", 2, DeviceAbilities.FULL);

        assertThat(trace(pbx.events)).containsExactly("device.registered@1001", "device.registered@1001",
                "device.registered@1001");
        assertThat(pbx.board.device("1001").orElseThrow())
                .extracting(DeviceSnapshot::contacts, DeviceSnapshot::abilities)
                .containsExactly(2, DeviceAbilities.FULL);
    }

    @Test
    void losingOneOfTwoContactsKeepsTheDeviceRegisteredUntilTheLastGoes() {
        pbx.register("1001", 2, DeviceAbilities.FULL);

        DeviceUnregistered first = (DeviceUnregistered) pbx.unregister("1001", 1, UnregisterReason.EXPIRED).getFirst();
        DeviceUnregistered last = (DeviceUnregistered) pbx.unregister("1001", 0, UnregisterReason.REMOVED).getFirst();

        assertThat(first.snapshot().registered()).isTrue();
        assertThat(first.data()).containsEntry("registered", true).containsEntry("contacts", 1)
                .containsEntry("reason", "expired");
        assertThat(last.snapshot().registered()).isFalse();
        assertThat(last.data()).containsEntry("reason", "removed");
        assertThat(pbx.board.snapshot().devices()).singleElement()
                .satisfies(d -> assertThat(d.registered()).isFalse());
    }

    @Test
    void unregisteringAnUnknownDeviceOrNothingIsAnAnomaly() {
        pbx.unregister("1009", 0, UnregisterReason.EXPIRED);
        pbx.register("1001", 1, DeviceAbilities.NONE);
        pbx.unregister("1001", 1, UnregisterReason.EXPIRED);

        assertThat(pbx.anomalies).extracting(Anomaly::kind)
                .containsExactly(Anomaly.Kind.UNKNOWN_DEVICE, Anomaly.Kind.STALE_REGISTRATION);
        assertThat(trace(pbx.events)).containsExactly("device.registered@1001");
    }

    @Test
    void devicesAreListedByNumberInTheSnapshot() {
        pbx.register("1003", 1, DeviceAbilities.NONE);
        pbx.register("1001", 1, DeviceAbilities.NONE);
        pbx.register("1002", 1, DeviceAbilities.NONE);

        assertThat(pbx.board.snapshot().devices()).extracting(DeviceSnapshot::number)
                .containsExactly("1001", "1002", "1003");
    }
}
