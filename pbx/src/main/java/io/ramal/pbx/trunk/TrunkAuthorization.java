package io.ramal.pbx.trunk;

import io.ramal.pbx.directory.Trunk;
import io.ramal.sip.auth.DigestAuthorizer;
import io.ramal.sip.auth.DigestChallenge;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipResponse;
import java.util.List;
import java.util.Optional;

/**
 * A trunk's answer to its provider's 401 or 407: the header to add to the repeated request and its
 * digest credentials. Only challenges in the trunk's realm are answered when it names one.
 */
public record TrunkAuthorization(String header, String value) {

  /** The answer to {@code challenge} for {@code method} to {@code uri}; empty when there is none to give. */
  public static Optional<TrunkAuthorization> answer(Trunk trunk, DigestAuthorizer authorizer, SipResponse challenge,
      String method, String uri) {
    boolean proxy = challenge.status() == 407;
    List<String> offered = challenge.headers().values(proxy ? HeaderNames.PROXY_AUTHENTICATE : HeaderNames.WWW_AUTHENTICATE)
        .stream().filter(v -> trunk.realm().isEmpty() || DigestChallenge.parse(v).value()
            .map(c -> c.realm().equals(trunk.realm().get())).orElse(false))
        .toList();
    return DigestChallenge.strongest(offered)
        .flatMap(c -> authorizer.authorize(c, method, uri).value())
        .map(creds -> new TrunkAuthorization(proxy ? HeaderNames.PROXY_AUTHORIZATION : HeaderNames.AUTHORIZATION,
            creds.toHeaderValue()));
  }
}
