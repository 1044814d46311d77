package io.ramal.api.agents;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.DeviceSnapshot;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.agent.DeviceLines;
import io.ramal.cti.core.Switchboard;
import java.util.HashSet;
import java.util.Set;

/** The devices' registration and calls as the tenant's switchboard has them now (read once, when first asked). */
final class BoardLines implements DeviceLines {
    private final Switchboard board;
    private Set<String> busy;

    BoardLines(Switchboard board) {
        this.board = board;
    }

    @Override
    public boolean registered(String device) {
        return board.device(device).map(DeviceSnapshot::registered).orElse(false);
    }

    @Override
    public boolean inCall(String device) {
        if (busy == null) {
            busy = new HashSet<>();
            for (CallSnapshot call : board.snapshot().calls()) {
                for (PartySnapshot party : call.parties()) {
                    if (!party.endpoint().external() && party.state().visible()) {
                        busy.add(party.endpoint().number());
                    }
                }
            }
        }
        return busy.contains(device);
    }
}
