package io.ramal.pbx.call;

import io.ramal.pbx.directory.Trunk;
import io.ramal.pbx.trunk.TrunkAuthorization;
import io.ramal.sip.auth.DigestAuthorizer;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.Via;
import java.util.Optional;

/** Answers a trunk's 401/407 to our INVITE with its credentials (a new transaction, CSeq + 1). */
final class TrunkChallenge {
  private TrunkChallenge() {}

  static Optional<SipRequest> answer(Trunk trunk, SipRequest invite, SipResponse challenge, Via via) {
    if (!trunk.hasCredentials()) return Optional.empty();
    DigestAuthorizer authorizer = new DigestAuthorizer(trunk.username().orElseThrow(), trunk.password().orElseThrow());
    return TrunkAuthorization.answer(trunk, authorizer, challenge, invite.method(), invite.requestUri().toString())
        .map(auth -> invite.withHeaders(invite.headers().toBuilder()
            .set(HeaderNames.VIA, via.toString())
            .set(HeaderNames.CSEQ, (invite.cseq().seq() + 1) + " " + invite.method())
            .set(auth.header(), auth.value())
            .build()));
  }
}
