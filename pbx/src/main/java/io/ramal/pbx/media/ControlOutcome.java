package io.ramal.pbx.media;

import java.util.Objects;

/**
 * What a command on a live call's media came to (hold, retrieve, mute, unmute, digits): carried
 * out, or refused with a reason a caller can map to its own protocol.
 */
public sealed interface ControlOutcome {
  /** Why a command was refused. */
  enum Reason {
    /** No live call with that id in that tenant. */
    NO_SUCH_CALL,
    /** The party named is not one of the call's two parties. */
    NO_SUCH_PARTY,
    /** The call or party cannot take the command now (not answered, already held, muted…). */
    INVALID_STATE,
    /** The call's audio does not pass through Ramal (direct media), so Ramal cannot act on it. */
    NOT_ANCHORED,
    /** The command's arguments are unusable (digits, lengths). */
    INVALID_ARGUMENT,
    /** The phone cannot be made to do it (it does not answer on request, for one). */
    NOT_SUPPORTED_BY_DEVICE
  }

  /** The command was carried out; the events follow as telephony facts. */
  record Done() implements ControlOutcome {}

  /** The command started something with an id of its own (a consultation call). */
  record Started(String id) implements ControlOutcome {
    public Started {
      Objects.requireNonNull(id, "id");
    }
  }

  record Refused(Reason reason, String message) implements ControlOutcome {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  ControlOutcome DONE = new Done();

  static ControlOutcome refused(Reason reason, String message) {
    return new Refused(reason, message);
  }
}
