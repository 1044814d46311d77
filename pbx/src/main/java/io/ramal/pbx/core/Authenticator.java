package io.ramal.pbx.core;

import io.ramal.pbx.directory.Directory;
import io.ramal.pbx.directory.Extension;
import io.ramal.sip.auth.CredentialGuard;
import io.ramal.sip.auth.DigestAlgorithm;
import io.ramal.sip.auth.DigestChallenge;
import io.ramal.sip.auth.DigestCredentials;
import io.ramal.sip.auth.DigestOutcome;
import io.ramal.sip.auth.DigestVerifier;
import io.ramal.sip.auth.GuardDecision;
import io.ramal.sip.auth.StoredHa1;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Digest authentication of REGISTER (401) and INVITE (407) against the tenant's extensions, with
 * credential guessing contained by a {@link CredentialGuard}: a source that keeps failing is
 * dropped silently, a user name under attack is refused to sources it was not seen succeeding from.
 */
public final class Authenticator {
  /** What to do with a request after checking its credentials. */
  public sealed interface Result {
    record Authenticated(Extension extension) implements Result {}

    /** Answer with this response (a challenge or a refusal). */
    record Respond(SipResponse response) implements Result {}

    /** Send nothing at all. */
    record Drop() implements Result {}
  }

  private final Directory directory;
  private final DigestVerifier verifier;
  private final CredentialGuard guard;
  private final PbxEvents events;

  public Authenticator(Directory directory, DigestVerifier verifier, CredentialGuard guard, PbxEvents events) {
    this.directory = directory;
    this.verifier = verifier;
    this.guard = guard;
    this.events = events;
  }

  /** True when the source is blocked: its requests are dropped before any processing. */
  public boolean isBlocked(Peer source) {
    return guard.check(sourceKey(source)) == GuardDecision.BLOCKED_SOURCE;
  }

  public Result authenticate(SipRequest request, String tenantId, boolean proxy, Peer source, String toTag) {
    String realm = directory.realmOf(tenantId);
    String src = sourceKey(source);
    Optional<DigestCredentials> creds = credentialsFor(request, realm, proxy);
    if (creds.isEmpty()) return challenge(request, realm, proxy, false, toTag);
    DigestCredentials c = creds.get();
    String userKey = tenantId + ":" + c.username();
    switch (guard.check(src, userKey)) {
      case BLOCKED_SOURCE -> {
        return new Result.Drop();
      }
      case THROTTLED_USER -> {
        events.authenticationFailed(tenantId, c.username(), source, "throttled");
        return refuse(request, 403, "Forbidden", toTag);
      }
      case ALLOW -> {}
    }
    Optional<Extension> ext = directory.extension(tenantId, c.username());
    if (ext.isEmpty()) {
      guard.recordFailure(src, userKey);
      events.authenticationFailed(tenantId, c.username(), source, "unknown user");
      return refuse(request, 403, "Forbidden", toTag);
    }
    DigestOutcome outcome = verifier.verify(request.method(), c, realm, stored(ext.get()));
    return switch (outcome) {
      case DigestOutcome.Accepted a -> {
        guard.recordSuccess(src, userKey);
        yield new Result.Authenticated(ext.get());
      }
      case DigestOutcome.Stale s -> challenge(request, realm, proxy, true, toTag);
      case DigestOutcome.Rejected r -> {
        if (r.reason().countsAsGuess()) {
          guard.recordFailure(src, userKey);
          events.authenticationFailed(tenantId, c.username(), source, r.reason().name().toLowerCase(java.util.Locale.ROOT));
        }
        yield switch (r.reason()) {
          case WRONG_RESPONSE -> refuse(request, 403, "Forbidden", toTag);
          case REPLAYED -> challenge(request, realm, proxy, true, toTag);
          default -> challenge(request, realm, proxy, false, toTag);
        };
      }
    };
  }

  private Optional<DigestCredentials> credentialsFor(SipRequest request, String realm, boolean proxy) {
    String header = proxy ? HeaderNames.PROXY_AUTHORIZATION : HeaderNames.AUTHORIZATION;
    for (String value : request.headers().values(header)) {
      Optional<DigestCredentials> c = DigestCredentials.parse(value).value();
      if (c.isPresent() && c.get().realm().equals(realm)) return c;
    }
    return Optional.empty();
  }

  private Result challenge(SipRequest request, String realm, boolean proxy, boolean stale, String toTag) {
    SipResponse r = SipResponse.to(request, proxy ? 407 : 401, toTag);
    var b = r.headers().toBuilder();
    for (DigestChallenge c : verifier.challenges(realm, stale)) {
      b.add(proxy ? HeaderNames.PROXY_AUTHENTICATE : HeaderNames.WWW_AUTHENTICATE, c.toHeaderValue());
    }
    return new Result.Respond(r.withHeaders(b.build()));
  }

  private static Result refuse(SipRequest request, int status, String reason, String toTag) {
    return new Result.Respond(SipResponse.to(request, status, toTag).withReason(reason));
  }

  private static StoredHa1 stored(Extension e) {
    Map<DigestAlgorithm, String> m = new EnumMap<>(DigestAlgorithm.class);
    for (var entry : e.ha1().entrySet()) {
      DigestAlgorithm.fromToken(entry.getKey()).ifPresent(a -> m.put(a, entry.getValue()));
    }
    return new StoredHa1(m);
  }

  static String sourceKey(Peer source) {
    return source.address().getAddress().getHostAddress();
  }
}
