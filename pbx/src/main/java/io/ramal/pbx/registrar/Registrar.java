package io.ramal.pbx.registrar;

import io.ramal.sip.message.Address;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.MalformedException;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.transport.Peer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 3261 §10.3 steps 6–8 for an authenticated REGISTER: contact list processing, expiry rules,
 * Call-ID/CSeq ordering, wildcard removal. Authentication and AOR checks happen before.
 */
public final class Registrar {
  private final LocationService location;
  private final RegistrationPolicy policy;
  private final InstantSource clock;

  public Registrar(LocationService location, RegistrationPolicy policy, InstantSource clock) {
    this.location = location;
    this.policy = policy;
    this.clock = clock;
  }

  public RegistrationPolicy policy() {
    return policy;
  }

  public RegisterOutcome register(SipRequest request, AddressOfRecord aor, Peer source) {
    Instant now = clock.instant();
    String callId = request.callId();
    long cseq = request.cseq().seq();
    Optional<Long> headerExpires = request.expires();
    if (request.headers().has(HeaderNames.EXPIRES) && headerExpires.isEmpty()) {
      return new RegisterOutcome.Refused(400, "Bad Expires");
    }
    if (request.isContactWildcard()) {
      if (headerExpires.orElse(-1L) != 0) return new RegisterOutcome.Refused(400, "Wildcard Contact requires Expires: 0");
      List<Binding> current = location.lookup(aor);
      for (Binding b : current) {
        if (b.callId().equals(callId) && cseq <= b.cseq()) return new RegisterOutcome.Refused(500, "Out of order REGISTER");
      }
      location.update(aor, live -> List.of());
      return new RegisterOutcome.Accepted(List.of());
    }
    List<Address> contacts;
    try {
      contacts = request.contacts();
    } catch (MalformedException e) {
      return new RegisterOutcome.Refused(400, "Bad Contact");
    }
    if (contacts.isEmpty()) return new RegisterOutcome.Accepted(location.lookup(aor));
    List<Change> changes = new ArrayList<>();
    for (Address c : contacts) {
      if (!(c.uri() instanceof SipUri uri)) return new RegisterOutcome.Refused(400, "Contact must be a SIP URI");
      if (c.displayName().equals("*")) return new RegisterOutcome.Refused(400, "Bad Contact");
      long expires;
      Optional<String> param = c.params().get("expires");
      if (param.isPresent()) {
        try {
          expires = Long.parseLong(param.get().strip());
        } catch (NumberFormatException e) {
          return new RegisterOutcome.Refused(400, "Bad expires parameter");
        }
        if (expires < 0) return new RegisterOutcome.Refused(400, "Bad expires parameter");
      } else {
        expires = headerExpires.orElse(policy.defaultExpires().toSeconds());
      }
      if (expires > 0 && expires < policy.minExpires().toSeconds()) {
        return new RegisterOutcome.Refused(423, "Interval Too Brief",
            Map.of(HeaderNames.MIN_EXPIRES, Long.toString(policy.minExpires().toSeconds())));
      }
      expires = Math.min(expires, policy.maxExpires().toSeconds());
      int q = c.params().get("q").map(Registrar::qMillis).orElse(1000);
      changes.add(new Change(uri, expires, q));
    }
    String userAgent = request.headers().first(HeaderNames.USER_AGENT).orElse("");
    java.util.Set<String> allowEvents = new java.util.HashSet<>();
    for (String value : request.headers().values("Allow-Events")) {
      for (String token : value.split(",")) {
        String event = token.strip().toLowerCase(java.util.Locale.ROOT);
        if (!event.isEmpty() && allowEvents.size() < 32) allowEvents.add(event);
      }
    }
    RegisterOutcome[] refusal = new RegisterOutcome[1];
    List<Binding> result = location.update(aor, live -> {
      List<Binding> next = new ArrayList<>(live);
      for (Change ch : changes) {
        Binding existing = null;
        for (Binding b : next) if (b.sameContact(ch.uri)) existing = b;
        if (existing != null && existing.callId().equals(callId) && cseq <= existing.cseq()) {
          refusal[0] = new RegisterOutcome.Refused(500, "Out of order REGISTER");
          return live;
        }
        if (existing != null) next.remove(existing);
        if (ch.expires > 0) {
          next.add(new Binding(aor, ch.uri, callId, cseq, now.plusSeconds(ch.expires), ch.q, source, userAgent,
              allowEvents));
        }
      }
      if (next.size() > policy.maxContacts()) {
        refusal[0] = new RegisterOutcome.Refused(403, "Too many contacts");
        return live;
      }
      return next;
    });
    return refusal[0] != null ? refusal[0] : new RegisterOutcome.Accepted(result);
  }

  private static int qMillis(String q) {
    try {
      double v = Double.parseDouble(q.strip());
      return v < 0 || v > 1 ? 1000 : (int) Math.round(v * 1000);
    } catch (NumberFormatException e) {
      return 1000;
    }
  }

  private record Change(SipUri uri, long expires, int q) {}
}
