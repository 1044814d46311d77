package io.ramal.sip.dialog;

import io.ramal.sip.message.Address;
import io.ramal.sip.message.CSeq;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipMessage;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.message.Uri;
import io.ramal.sip.message.Via;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The state of one dialog (RFC 3261 §12): identity, local and remote addresses, route set and secure
 * flag are fixed; the local and remote CSeq and the remote target move as requests flow. Confined to
 * the executor of the call it belongs to, like the transactions.
 */
public final class Dialog {
  /** Requests whose Contact replaces the remote target (RFC 3261 §12.2, RFC 3311). */
  public static final Set<String> TARGET_REFRESH_METHODS = Set.of("INVITE", "UPDATE");

  private final DialogId id;
  private final Address local;
  private final Address remote;
  private final List<Address> routeSet;
  private final boolean secure;
  private OptionalLong localCseq;
  private OptionalLong remoteCseq;
  private Uri remoteTarget;

  private Dialog(DialogId id, Address local, Address remote, List<Address> routeSet, boolean secure,
      OptionalLong localCseq, OptionalLong remoteCseq, Uri remoteTarget) {
    this.id = id;
    this.local = local;
    this.remote = remote;
    this.routeSet = List.copyOf(routeSet);
    this.secure = secure;
    this.localCseq = localCseq;
    this.remoteCseq = remoteCseq;
    this.remoteTarget = remoteTarget;
  }

  /**
   * The dialog a UAS creates by sending {@code response} (1xx with To tag, or 2xx) to {@code
   * request} (§12.1.1): route set from Record-Route in order, remote target from the request's
   * Contact, local tag from the response's To tag, remote CSeq from the request, local CSeq empty.
   *
   * @throws IllegalArgumentException when the response's To has no tag or the request no Contact
   */
  public static Dialog asUas(SipRequest request, SipResponse response) {
    Address local = response.to();
    String localTag = local.tag().orElseThrow(() -> new IllegalArgumentException("response To has no tag"));
    Address remote = request.from();
    DialogId id = new DialogId(request.callId(), localTag, remote.tag().orElse(""));
    return new Dialog(id, local, remote, request.addresses(HeaderNames.RECORD_ROUTE), isSecure(request),
        OptionalLong.empty(), OptionalLong.of(request.cseq().seq()), contactUri(request));
  }

  /**
   * The dialog a UAC enters on {@code response} (1xx with To tag, or 2xx) to {@code request}
   * (§12.1.2): route set from the response's Record-Route in reverse order, remote target from the
   * response's Contact, local CSeq from the request, remote CSeq empty.
   *
   * @throws IllegalArgumentException when the request's From has no tag or the response no Contact
   */
  public static Dialog asUac(SipRequest request, SipResponse response) {
    Address local = request.from();
    String localTag = local.tag().orElseThrow(() -> new IllegalArgumentException("request From has no tag"));
    Address remote = response.to();
    DialogId id = new DialogId(request.callId(), localTag, remote.tag().orElse(""));
    List<Address> routes = new ArrayList<>(response.addresses(HeaderNames.RECORD_ROUTE));
    Collections.reverse(routes);
    return new Dialog(id, local, remote, routes, isSecure(request), OptionalLong.of(request.cseq().seq()),
        OptionalLong.empty(), contactUri(response));
  }

  /**
   * A new request within the dialog (§12.2.1.1): Request-URI the remote target (or, when the first
   * route is a strict router, that route, with the remote target appended to the Route headers),
   * Route headers from the route set, From local with local tag, To remote with remote tag,
   * Call-ID, and CSeq one above the last local one (which it becomes). No Contact: add one to
   * target refresh requests.
   *
   * @throws IllegalArgumentException for ACK (use {@link #ack}) and CANCEL (built by the
   *     transaction layer)
   */
  public SipRequest newRequest(String method, Via topVia, int maxForwards) {
    if (method.equals("ACK") || method.equals("CANCEL")) {
      throw new IllegalArgumentException(method + " is not built with newRequest");
    }
    long seq = localCseq.isPresent() ? localCseq.getAsLong() + 1 : 1;
    SipRequest request = build(method, seq, topVia, maxForwards);
    localCseq = OptionalLong.of(seq);
    return request;
  }

  /** The ACK for a 2xx to the INVITE (or re-INVITE) sent with CSeq {@code inviteCseq} (§13.2.2.4). */
  public SipRequest ack(long inviteCseq, Via via) {
    return build("ACK", inviteCseq, via, 70);
  }

  /**
   * Checks and records a request the peer sent within the dialog (§12.2.2). Returns false when its
   * CSeq is lower than the remote CSeq (the TU answers 500); otherwise remembers the CSeq and, for
   * a target refresh request with a Contact, the new remote target. ACK and CANCEL carry the CSeq
   * of the request they belong to, so they are accepted without changing anything.
   */
  public boolean onRemoteRequest(SipRequest request) {
    if (request.isMethod("ACK") || request.isMethod("CANCEL")) return true;
    long seq = request.cseq().seq();
    if (remoteCseq.isPresent() && seq < remoteCseq.getAsLong()) return false;
    remoteCseq = OptionalLong.of(seq);
    if (TARGET_REFRESH_METHODS.contains(request.method())) refreshTarget(request);
    return true;
  }

  /**
   * Records a response to one of our requests: a 2xx to a target refresh request replaces the
   * remote target with its Contact (§12.2.1.2).
   */
  public void onRemoteResponse(SipResponse response) {
    if (response.isSuccess() && TARGET_REFRESH_METHODS.contains(response.cseq().method())) refreshTarget(response);
  }

  private void refreshTarget(SipMessage message) {
    if (message.isContactWildcard()) return;
    List<Address> contacts = message.contacts();
    if (!contacts.isEmpty()) remoteTarget = contacts.get(0).uri();
  }

  private SipRequest build(String method, long seq, Via topVia, int maxForwards) {
    Uri requestUri = remoteTarget;
    List<Address> routes = routeSet;
    if (!routeSet.isEmpty() && !isLooseRouter(routeSet.get(0))) {
      requestUri = asRequestUri(routeSet.get(0).uri());
      routes = new ArrayList<>(routeSet.subList(1, routeSet.size()));
      routes.add(Address.of(remoteTarget));
    }
    Headers.Builder b = Headers.builder()
        .add(HeaderNames.VIA, topVia.toString())
        .add(HeaderNames.MAX_FORWARDS, Integer.toString(maxForwards));
    for (Address route : routes) b.add(HeaderNames.ROUTE, route.toString());
    b.add(HeaderNames.FROM, local.toString())
        .add(HeaderNames.TO, remote.toString())
        .add(HeaderNames.CALL_ID, id.callId())
        .add(HeaderNames.CSEQ, new CSeq(seq, method).toString());
    return new SipRequest(method, requestUri, b.build(), new byte[0]);
  }

  private static boolean isLooseRouter(Address route) {
    return route.sipUri().map(u -> u.param("lr").isPresent()).orElse(true);
  }

  /** §12.2.1.1: parameters not allowed in a Request-URI (method, URI headers) are stripped. */
  private static Uri asRequestUri(Uri uri) {
    return uri instanceof SipUri s ? s.withoutHeaders().withoutParam("method") : uri;
  }

  private static boolean isSecure(SipRequest request) {
    return request.requestUri() instanceof SipUri s && s.isSecure();
  }

  private static Uri contactUri(SipMessage message) {
    if (message.isContactWildcard() || message.contacts().isEmpty()) {
      throw new IllegalArgumentException("a dialog needs a Contact in the " + (message instanceof SipRequest ? "request" : "response"));
    }
    return message.contacts().get(0).uri();
  }

  public DialogId id() {
    return id;
  }

  /** Our side: From of our requests, with the local tag. */
  public Address local() {
    return local;
  }

  /** The peer: To of our requests, with the remote tag when there is one. */
  public Address remote() {
    return remote;
  }

  public Uri localUri() {
    return local.uri();
  }

  public Uri remoteUri() {
    return remote.uri();
  }

  /** The CSeq of our last request in the dialog; empty for a UAS that has not sent one yet. */
  public OptionalLong localCseq() {
    return localCseq;
  }

  /** The CSeq of the peer's last request in the dialog; empty for a UAC until the peer sends one. */
  public OptionalLong remoteCseq() {
    return remoteCseq;
  }

  public Uri remoteTarget() {
    return remoteTarget;
  }

  /** Where in-dialog requests go through, first hop first. */
  public List<Address> routeSet() {
    return routeSet;
  }

  /**
   * True when the dialog-creating request had a SIPS Request-URI (RFC 3261 also asks for TLS; the
   * transport is not known here).
   */
  public boolean secure() {
    return secure;
  }

  @Override
  public String toString() {
    return "Dialog" + id + " target " + remoteTarget + " cseq " + localCseq + "/" + remoteCseq;
  }
}
