package io.ramal.api.calls;

import io.ramal.api.ApiException;
import io.ramal.api.auth.Principal;
import io.ramal.cti.CallSnapshot;
import io.ramal.cti.PartySnapshot;
import java.util.List;
import java.util.Optional;

/**
 * Which party of a call a command acts for (the device that holds, is muted, presses keys). A
 * party named in the request must be in the call; an agent may name only its own extension.
 * Without a name: the caller's own extension when it is in the call, else the call's only
 * device (non-external) party; a call with several devices needs the name.
 */
final class PartyChoice {
    static final int MAX_PARTY = 64;

    private PartyChoice() {}

    static String choose(Principal caller, CallSnapshot call, Optional<String> named) {
        if (named.isPresent()) {
            String party = named.get();
            if (party.isEmpty() || party.length() > MAX_PARTY) {
                throw new ApiException(400, "invalid_request", "party must be an extension or number of 1 to "
                        + MAX_PARTY + " characters");
            }
            if (call.party(party).isEmpty()) {
                throw new ApiException(404, "party_not_found", "'" + party + "' is not a party of call "
                        + call.callId());
            }
            if (!CallAccess.seesEveryCall(caller) && !caller.extension().equals(Optional.of(party))) {
                throw new ApiException(403, "forbidden", "an agent acts only for its own extension"
                        + caller.extension().map(own -> " (" + own + ")").orElse(""));
            }
            return party;
        }
        Optional<String> own = caller.extension().filter(extension -> call.parties().stream()
                .anyMatch(p -> !p.endpoint().external() && p.device().equals(extension)));
        if (own.isPresent()) {
            return own.get();
        }
        List<String> devices = call.parties().stream().filter(p -> !p.endpoint().external())
                .map(PartySnapshot::device).distinct().toList();
        if (devices.size() != 1) {
            throw new ApiException(400, "party_required", "call " + call.callId() + " has " + devices.size()
                    + " device parties " + devices + ": name the one to act for in \"party\"");
        }
        return devices.getFirst();
    }
}
