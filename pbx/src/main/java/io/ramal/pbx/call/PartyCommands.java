package io.ramal.pbx.call;

import io.ramal.media.dtmf.DtmfDigit;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.pbx.media.ControlOutcome;
import io.ramal.pbx.media.ControlOutcome.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link PartyCommand} on an answered call: finds which side the party is on,
 * checks the arguments and hands the command to the call's media, on the call's shard. The
 * media reports the resulting holds and mutes back as telephony facts.
 */
final class PartyCommands {
  private static final Logger log = LoggerFactory.getLogger(PartyCommands.class);

  private PartyCommands() {}

  static ControlOutcome carryOut(Call call, PartyCommand command) {
    Optional<Side> found = sideOf(call, command.party());
    if (found.isEmpty()) {
      return ControlOutcome.refused(Reason.NO_SUCH_PARTY, "'" + command.party() + "' is not a party of call " + call.id);
    }
    Side side = found.get();
    ControlOutcome outcome = switch (command) {
      case PartyCommand.Hold h -> call.media.hold(side, h.hold());
      case PartyCommand.Mute m -> call.media.mute(side, m.mute());
      case PartyCommand.SendDigits d -> keys(d).<ControlOutcome>map(keys -> call.media.sendDigits(side, keys, d.gap()))
          .orElseGet(() -> ControlOutcome.refused(Reason.INVALID_ARGUMENT, "DTMF must be 1 to "
              + PartyCommand.SendDigits.MAX_DIGITS + " of 0-9 * # A-D, each " + range() + " long with a gap of "
              + range()));
    };
    log.info("event=call_control call={} tenant={} command={} side={} outcome={}", call.id, call.origin.tenantId(),
        command.getClass().getSimpleName(), side.name().toLowerCase(Locale.ROOT), outcome);
    return outcome;
  }

  /** The side {@code party} is on: the caller's number, else the callee's. */
  static Optional<Side> sideOf(Call call, String party) {
    if (party.equals(call.callerParty)) return Optional.of(Side.CALLER);
    if (party.equals(call.calleeParty)) return Optional.of(Side.CALLEE);
    return Optional.empty();
  }

  /** The key presses, or empty when the digits, duration or gap are unusable. */
  static Optional<List<DtmfDigit>> keys(PartyCommand.SendDigits d) {
    String digits = d.digits().toUpperCase(Locale.ROOT);
    if (digits.isEmpty() || digits.length() > PartyCommand.SendDigits.MAX_DIGITS || !within(d.duration())
        || !within(d.gap())) {
      return Optional.empty();
    }
    List<DtmfDigit> keys = new ArrayList<>(digits.length());
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (!DtmfDigit.isDigit(c)) return Optional.empty();
      keys.add(new DtmfDigit(c, d.duration()));
    }
    return Optional.of(keys);
  }

  private static boolean within(Duration value) {
    return value.compareTo(PartyCommand.SendDigits.SHORTEST) >= 0 && value.compareTo(PartyCommand.SendDigits.LONGEST) <= 0;
  }

  private static String range() {
    return PartyCommand.SendDigits.SHORTEST.toMillis() + "-" + PartyCommand.SendDigits.LONGEST.toMillis() + " ms";
  }
}
