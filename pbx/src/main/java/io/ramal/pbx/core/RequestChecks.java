package io.ramal.pbx.core;

import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.SipUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Request-level refusals of RFC 3261 §8.2.1–8.2.3 and §16.3 before any routing. */
final class RequestChecks {
  /** Option tags we honour in Require. */
  private static final Set<String> SUPPORTED = Set.of();

  private RequestChecks() {}

  static Optional<SipResponse> refusal(SipRequest req) {
    if (!(req.requestUri() instanceof SipUri)) return Optional.of(SipResponse.to(req, 416));
    if (!req.isMethod("OPTIONS") && !req.isMethod("REGISTER")
        && req.headers().first(HeaderNames.MAX_FORWARDS).map(String::strip).map("0"::equals).orElse(false)) {
      return Optional.of(SipResponse.to(req, 483));
    }
    List<String> unsupported = unsupportedOptions(req);
    if (!unsupported.isEmpty() && !req.isMethod("CANCEL")) {
      SipResponse r = SipResponse.to(req, 420);
      return Optional.of(r.withHeaders(r.headers().toBuilder().add(HeaderNames.UNSUPPORTED, String.join(", ", unsupported)).build()));
    }
    if (req.isMethod("INVITE") && (req.isContactWildcard() || req.contacts().isEmpty())) {
      return Optional.of(SipResponse.to(req, 400).withReason("Missing Contact"));
    }
    if (req.isMethod("INVITE") && req.body().length > 0) {
      String type = req.contentType().orElse("application/sdp").toLowerCase(Locale.ROOT);
      if (!type.startsWith("application/sdp")) {
        SipResponse r = SipResponse.to(req, 415);
        return Optional.of(r.withHeaders(r.headers().toBuilder().add(HeaderNames.ACCEPT, "application/sdp").build()));
      }
    }
    return Optional.empty();
  }

  static List<String> unsupportedOptions(SipRequest req) {
    List<String> out = new ArrayList<>();
    for (String header : List.of(HeaderNames.REQUIRE, HeaderNames.PROXY_REQUIRE)) {
      for (String tag : req.headers().values(header)) {
        if (!SUPPORTED.contains(tag.strip().toLowerCase(Locale.ROOT))) out.add(tag.strip());
      }
    }
    return out;
  }
}
