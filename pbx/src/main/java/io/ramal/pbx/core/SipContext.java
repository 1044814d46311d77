package io.ramal.pbx.core;

import io.ramal.pbx.transport.LocalEndpoint;
import io.ramal.pbx.transport.Transports;
import io.ramal.sip.id.Identifiers;
import io.ramal.sip.message.Address;
import io.ramal.sip.message.Parameters;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.message.Via;
import io.ramal.sip.transaction.TransactionLayer;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.util.List;
import java.util.Locale;

/** What the call and registration code of one shard needs of the SIP stack. */
public final class SipContext {
  public static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, REFER, NOTIFY";
  private final Shard shard;
  private final Transports transports;
  private final Identifiers ids;
  private final String userAgent;
  private TransactionLayer layer;

  public SipContext(Shard shard, Transports transports, Identifiers ids, String userAgent) {
    this.shard = shard;
    this.transports = transports;
    this.ids = ids;
    this.userAgent = userAgent;
  }

  void layer(TransactionLayer layer) {
    this.layer = layer;
  }

  public TransactionLayer layer() {
    return layer;
  }

  public Shard shard() {
    return shard;
  }

  public Identifiers ids() {
    return ids;
  }

  public String userAgent() {
    return userAgent;
  }

  /** A new Call-ID that maps to this shard. */
  public String newCallId() {
    return ids.callId() + "~s" + shard.index();
  }

  public LocalEndpoint localFor(Peer peer) {
    return transports.localFor(peer);
  }

  /** A top Via for a new request to {@code peer}, with a fresh branch and rport requested. */
  public Via viaFor(Peer peer) {
    LocalEndpoint local = localFor(peer);
    return new Via("SIP/2.0", local.transport().viaName(), local.host(), local.port(),
        new Parameters(List.of(new Parameters.Param("branch", ids.branch()), new Parameters.Param("rport", ""))));
  }

  /** Our Contact for dialogs with {@code peer}. */
  public Address contactFor(Peer peer) {
    LocalEndpoint local = localFor(peer);
    SipUri uri = SipUri.of("ramal", local.host(), local.port());
    if (local.transport() != Transport.UDP) uri = uri.withParam("transport", local.transport().name().toLowerCase(Locale.ROOT));
    return Address.of(uri);
  }

  public boolean isOpen(Peer peer) {
    return transports.isOpen(peer);
  }
}
