package io.ramal.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A SIP request (RFC 3261 §7.1). */
public record SipRequest(String method, Uri requestUri, Headers headers, byte[] body) implements SipMessage {
  public SipRequest {
    if (!Grammar.isToken(method)) throw new IllegalArgumentException("bad method: " + Snippet.of(method));
  }

  public boolean isMethod(String m) {
    return method.equals(m);
  }

  @Override
  public String startLine() {
    return method + " " + requestUri + " SIP/2.0";
  }

  public SipRequest withHeaders(Headers newHeaders) {
    return new SipRequest(method, requestUri, newHeaders, body);
  }

  public SipRequest withRequestUri(Uri uri) {
    return new SipRequest(method, uri, headers, body);
  }

  public SipRequest withBody(String contentType, byte[] newBody) {
    Headers h = newBody.length == 0 ? headers.without(HeaderNames.CONTENT_TYPE) : headers.with(HeaderNames.CONTENT_TYPE, contentType);
    return new SipRequest(method, requestUri, h, newBody);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipRequest r && r.method.equals(method) && r.requestUri.equals(requestUri)
        && r.headers.equals(headers) && Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * method.hashCode() + requestUri.hashCode()) + headers.hashCode();
  }

  @Override
  public String toString() {
    return new String(toBytes(), StandardCharsets.UTF_8);
  }
}
