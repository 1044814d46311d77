package io.ramal.api.agents;

import io.ramal.cti.DeviceSnapshot;
import io.ramal.cti.DeviceState;
import io.ramal.cti.DeviceStateSnapshot;
import io.ramal.cti.agent.DeviceLines;
import io.ramal.cti.core.Switchboard;

/** The devices' registration and calls as the tenant's switchboard has them now. */
final class BoardLines implements DeviceLines {
    private final Switchboard board;

    BoardLines(Switchboard board) {
        this.board = board;
    }

    @Override
    public boolean registered(String device) {
        return board.device(device).map(DeviceSnapshot::registered).orElse(false);
    }

    /**
     * Busy as the live board shows the device: ringing, in a call, holding one, or listening in on one
     * as a supervisor (kept up to date after every fact, so nothing is walked here).
     */
    @Override
    public boolean inCall(String device) {
        return board.deviceStates().state(device).map(DeviceStateSnapshot::state)
                .filter(state -> state != DeviceState.IDLE && state != DeviceState.OFFLINE).isPresent();
    }
}
