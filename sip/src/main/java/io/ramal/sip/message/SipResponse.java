package io.ramal.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A SIP response (RFC 3261 §7.2). */
public record SipResponse(int status, String reason, Headers headers, byte[] body) implements SipMessage {
  public SipResponse {
    if (status < 100 || status > 699) throw new IllegalArgumentException("status out of range: " + status);
    for (int i = 0; i < reason.length(); i++) {
      if (reason.charAt(i) == '\r' || reason.charAt(i) == '\n') throw new IllegalArgumentException("line break in reason");
    }
  }

  /**
   * A response to {@code request} as RFC 3261 §8.2.6 builds it: Via, From, To, Call-ID, CSeq copied;
   * the To tag added when the request's To has none and {@code toTag} is not empty.
   */
  public static SipResponse to(SipRequest request, int status, String toTag) {
    Headers.Builder b = Headers.builder();
    Headers h = request.headers();
    b.copy(h, HeaderNames.VIA).copy(h, HeaderNames.FROM);
    String to = h.first(HeaderNames.TO).orElse("");
    if (!toTag.isEmpty() && status > 100 && !Address.parse(to).tag().isPresent()) {
      to = Address.parse(to).withTag(toTag).toString();
    }
    b.add(HeaderNames.TO, to).copy(h, HeaderNames.CALL_ID).copy(h, HeaderNames.CSEQ);
    return new SipResponse(status, ReasonPhrase.of(status), b.build(), new byte[0]);
  }

  public static SipResponse to(SipRequest request, int status) {
    return to(request, status, "");
  }

  public boolean isProvisional() {
    return status < 200;
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  public boolean isFinal() {
    return status >= 200;
  }

  @Override
  public String startLine() {
    return reason.isEmpty() ? "SIP/2.0 " + status + " " : "SIP/2.0 " + status + " " + reason;
  }

  public SipResponse withHeaders(Headers newHeaders) {
    return new SipResponse(status, reason, newHeaders, body);
  }

  public SipResponse withReason(String newReason) {
    return new SipResponse(status, newReason, headers, body);
  }

  public SipResponse withBody(String contentType, byte[] newBody) {
    Headers h = newBody.length == 0 ? headers.without(HeaderNames.CONTENT_TYPE) : headers.with(HeaderNames.CONTENT_TYPE, contentType);
    return new SipResponse(status, reason, h, newBody);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipResponse r && r.status == status && r.reason.equals(reason)
        && r.headers.equals(headers) && Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return 31 * status + headers.hashCode();
  }

  @Override
  public String toString() {
    return new String(toBytes(), StandardCharsets.UTF_8);
  }
}
