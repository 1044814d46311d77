package io.ramal.sip.dialog;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import java.util.Objects;

/**
 * A dialog's identity as seen from this side (RFC 3261 §12): Call-ID, local tag, remote tag. The
 * remote tag is empty for a peer that sent none (RFC 2543).
 */
public record DialogId(String callId, String localTag, String remoteTag) {
  public DialogId {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(localTag, "localTag");
    Objects.requireNonNull(remoteTag, "remoteTag");
  }

  /** The dialog an incoming request belongs to: our tag is in To, theirs in From. */
  public static DialogId ofIncomingRequest(SipRequest request) {
    return new DialogId(request.callId(), request.to().tag().orElse(""), request.from().tag().orElse(""));
  }

  /** The dialog a response to one of our requests belongs to: our tag is in From, theirs in To. */
  public static DialogId ofIncomingResponse(SipResponse response) {
    return new DialogId(response.callId(), response.from().tag().orElse(""), response.to().tag().orElse(""));
  }
}
