package io.ramal.pbx.call;

import io.ramal.sip.dialog.Dialog;
import io.ramal.sip.transport.Peer;
import java.util.Objects;

/**
 * What the shard of a call answers when another shard asks it to give up the remote party of a
 * dialog named by Replaces (docs/adr/0006-park-and-cross-call-joins.md): the party's dialog as a
 * value, its call ended here but not reported yet, or why not. Crosses shards once; its sender
 * never touches the dialog again.
 */
sealed interface Handover {
  /** Not given up: {@code status} and {@code reason} are what the referring phone is told (sipfrag). */
  record Refused(int status, String reason) implements Handover {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The remote party of the named dialog, now with no call: our {@code dialog} with it and where
   * it is reached, who it is ({@code party}, {@code external}), whether it was its call's caller,
   * and the record of that call, which the receiver reports once the party joined or was let go.
   */
  record Released(Dialog dialog, Peer peer, String party, boolean external, boolean wasCaller, CallRecord record)
      implements Handover {
    public Released {
      Objects.requireNonNull(dialog, "dialog");
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(record, "record");
    }
  }
}
