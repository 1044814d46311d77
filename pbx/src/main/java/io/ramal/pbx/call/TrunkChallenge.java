package io.ramal.pbx.call;

import io.ramal.pbx.directory.Trunk;
import io.ramal.sip.auth.DigestAuthorizer;
import io.ramal.sip.auth.DigestChallenge;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.Via;
import java.util.Optional;

/** Answers a trunk's 401/407 to our INVITE with its credentials (a new transaction, CSeq + 1). */
final class TrunkChallenge {
  private TrunkChallenge() {}

  static Optional<SipRequest> answer(Trunk trunk, SipRequest invite, SipResponse challenge, Via via) {
    if (!trunk.hasCredentials()) return Optional.empty();
    boolean proxy = challenge.status() == 407;
    Optional<DigestChallenge> c = DigestChallenge.strongest(
        challenge.headers().values(proxy ? HeaderNames.PROXY_AUTHENTICATE : HeaderNames.WWW_AUTHENTICATE));
    if (c.isEmpty()) return Optional.empty();
    var creds = new DigestAuthorizer(trunk.username().orElseThrow(), trunk.password().orElseThrow())
        .authorize(c.get(), invite.method(), invite.requestUri().toString()).value();
    if (creds.isEmpty()) return Optional.empty();
    Headers h = invite.headers().toBuilder()
        .set(HeaderNames.VIA, via.toString())
        .set(HeaderNames.CSEQ, (invite.cseq().seq() + 1) + " " + invite.method())
        .set(proxy ? HeaderNames.PROXY_AUTHORIZATION : HeaderNames.AUTHORIZATION, creds.get().toHeaderValue())
        .build();
    return Optional.of(invite.withHeaders(h));
  }
}
