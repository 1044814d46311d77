package io.ramal.cti.core;

import static io.ramal.cti.ConnectionState.ALERTING;
import static io.ramal.cti.ConnectionState.CONNECTED;
import static io.ramal.cti.ConnectionState.HELD;
import static io.ramal.cti.ConnectionState.INITIATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.Direction;
import io.ramal.cti.Endpoint;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tally of an extension's parties by state follows every change of each party, and its leaving. */
class DevicePartiesTest {
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private final CallTable table = new CallTable(10);

    @Test
    void theTallyFollowsEachPartysStateAndForgetsPartiesThatLeave() {
        LiveParty first = party("c1", "1001", INITIATED);
        LiveParty second = party("c2", "1001", ALERTING);

        first.enter(CONNECTED, T0.plusSeconds(1));
        second.enter(CONNECTED, T0.plusSeconds(2));
        first.enter(HELD, T0.plusSeconds(3));

        DeviceParties device = table.parties("1001");
        assertThat(device.count(CONNECTED)).isEqualTo(1);
        assertThat(device.count(HELD)).isEqualTo(1);
        assertThat(device.count(INITIATED)).isZero();
        assertThat(device.statesPresent()).containsExactly(CONNECTED, HELD);

        table.leave(first);
        first.enter(CONNECTED, T0.plusSeconds(4));
        assertThat(table.parties("1001").count(HELD)).as("a party that left changes the tally no more").isZero();
        assertThat(table.parties("1001").count(CONNECTED)).isEqualTo(1);

        table.leave(second);
        assertThat(table.parties("1001").statesPresent()).isEmpty();
        assertThat(table.partiesOf("1001")).isEmpty();
    }

    @Test
    void externalNumbersHaveNoTally() {
        LiveCall call = call("c3");
        LiveParty outside = table.join(call, Endpoint.external("+5511988887777"), Optional.empty(), false, ALERTING, T0);
        outside.enter(CONNECTED, T0.plusSeconds(1));

        assertThat(table.parties("+5511988887777").statesPresent()).isEmpty();
    }

    private LiveParty party(String callId, String device, io.ramal.cti.ConnectionState state) {
        return table.join(call(callId), Endpoint.device(device), Optional.empty(), false, state, T0);
    }

    private LiveCall call(String id) {
        LiveCall call = new LiveCall(id, Direction.INTERNAL, Endpoint.device("1000"), Optional.empty(), "1001",
                Optional.empty(), T0, Optional.empty());
        table.add(call);
        return call;
    }
}
