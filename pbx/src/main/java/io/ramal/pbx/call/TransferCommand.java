package io.ramal.pbx.call;

import java.util.Objects;

/**
 * A transfer or consultation on an answered call, on behalf of one of its parties ({@code party}:
 * a number as the CTI layer names parties). Destinations are routed by the dial plan before the
 * command reaches the call's shard.
 */
public sealed interface TransferCommand {
  String party();

  /** {@code party} leaves; the other party is connected to {@code target}. */
  record Blind(String party, String target, Destination destination) implements TransferCommand {
    public Blind {
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(destination, "destination");
    }
  }

  /** {@code party} holds the call and talks with {@code target} in a consultation call. */
  record Consult(String party, String target, Destination destination) implements TransferCommand {
    public Consult {
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(destination, "destination");
    }
  }

  /** The held party and the consulted one are joined; {@code party} leaves both calls. */
  record Complete(String party, String consultCallId) implements TransferCommand {
    public Complete {
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(consultCallId, "consultCallId");
    }
  }

  /** The consultation ends and {@code party} is back with the held party. */
  record Cancel(String party, String consultCallId) implements TransferCommand {
    public Cancel {
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(consultCallId, "consultCallId");
    }
  }
}
