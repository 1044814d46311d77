package io.ramal.pbx.record;

import java.util.Objects;

/** How the PBX answered a {@link RecordingAction}: done (with the recording it acted on) or refused. */
public sealed interface RecordingReply {
  /** Why an action was refused. */
  enum Reason {
    /** No live call with that id in that tenant. */
    NO_SUCH_CALL,
    /** The call is still ringing: there is no conversation to record. */
    NOT_ANSWERED,
    /** Start while a recording runs (or is paused). */
    ALREADY_RECORDING,
    /** Pause, resume or stop without a recording. */
    NOT_RECORDING,
    /** Pause of a paused recording. */
    ALREADY_PAUSED,
    /** Resume of a recording that is not paused. */
    NOT_PAUSED,
    /** The call's audio flows directly between the phones, never through Ramal. */
    MEDIA_NOT_ANCHORED,
    /** A party of the call (or its tenant) is set to {@code record: never}. */
    FORBIDDEN_BY_POLICY,
    /** The recorder could not start (no writer thread, unsafe names). */
    FAILED
  }

  /** The action was carried out on recording {@code recordingId}. */
  record Done(String recordingId) implements RecordingReply {
    public Done {
      Objects.requireNonNull(recordingId, "recordingId");
    }
  }

  /** Nothing changed; {@code message} says why in words for people. */
  record Refused(Reason reason, String message) implements RecordingReply {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }
}
