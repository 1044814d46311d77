package io.ramal.bench;

import java.nio.charset.StandardCharsets;

/**
 * Wire messages the parser benchmark feeds to both parsers: what a desk phone sends and receives
 * in a call and a registration. Written with LF in the source; {@link #bytes} turns every line end
 * into CRLF and fills in Content-Length, so the body length is always right.
 */
public enum BenchMessages {
  /** A second INVITE, after the 407: credentials, SDP offer with three codecs and DTMF. */
  INVITE("""
      INVITE sip:1002@pbx.example.com SIP/2.0
      Via: SIP/2.0/UDP 192.0.2.15:5060;branch=z9hG4bK-524287-1---6f3b8a6e21c4d1f9;rport
      Max-Forwards: 70
      Contact: <sip:1001@192.0.2.15:5060;transport=udp>
      To: <sip:1002@pbx.example.com>
      From: "Alice Martins" <sip:1001@pbx.example.com>;tag=8f2a1c9d
      Call-ID: 3c2d8e1a47b6f90e5d14a7c2b8e3f6a1@192.0.2.15
      CSeq: 2 INVITE
      Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, MESSAGE, OPTIONS, INFO, SUBSCRIBE, UPDATE
      Supported: replaces, timer, norefersub
      User-Agent: Yealink SIP-T46S 66.86.0.15
      Proxy-Authorization: Digest username="1001", realm="pbx.example.com", nonce="6f1c0b7a9e2d4c3b8a71f5e6d2c9b0a4", uri="sip:1002@pbx.example.com", response="c3a9f0b17e2d64a58b9e0f1d2c3b4a59", algorithm=MD5
      Allow-Events: talk, hold, conference, refer, check-sync
      Content-Type: application/sdp
      Content-Length: %d

      v=0
      o=- 20519 20519 IN IP4 192.0.2.15
      s=SDP data
      c=IN IP4 192.0.2.15
      t=0 0
      m=audio 11780 RTP/AVP 0 8 9 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:8 PCMA/8000
      a=rtpmap:9 G722/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
      a=ptime:20
      a=sendrecv
      """),

  /** The callee's 200 OK to an INVITE, as relayed back through one proxy, with its SDP answer. */
  OK("""
      SIP/2.0 200 OK
      Via: SIP/2.0/UDP 192.0.2.15:5060;branch=z9hG4bK-524287-1---6f3b8a6e21c4d1f9;rport=5060;received=192.0.2.15
      Record-Route: <sip:192.0.2.1;lr>
      Contact: <sip:1002@192.0.2.22:5062;transport=udp>
      To: <sip:1002@pbx.example.com>;tag=as4f1b92e7
      From: "Alice Martins" <sip:1001@pbx.example.com>;tag=8f2a1c9d
      Call-ID: 3c2d8e1a47b6f90e5d14a7c2b8e3f6a1@192.0.2.15
      CSeq: 2 INVITE
      Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, OPTIONS, UPDATE
      Supported: replaces, timer
      Server: Grandstream GXP2170 1.0.11.23
      Content-Type: application/sdp
      Content-Length: %d

      v=0
      o=- 8000 8000 IN IP4 192.0.2.22
      s=SIP Call
      c=IN IP4 192.0.2.22
      t=0 0
      m=audio 5004 RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
      a=ptime:20
      a=sendrecv
      """),

  /** A re-REGISTER answering the 401: Authorization, Contact with expires, no body. */
  REGISTER("""
      REGISTER sip:pbx.example.com SIP/2.0
      Via: SIP/2.0/UDP 192.0.2.15:5060;branch=z9hG4bK-524287-1---0a9d7c3e5b1f2468;rport
      Max-Forwards: 70
      Contact: <sip:1001@192.0.2.15:5060;transport=udp>;expires=3600;+sip.instance="<urn:uuid:00000000-0000-1000-8000-0015657a1b2c>"
      To: <sip:1001@pbx.example.com>
      From: <sip:1001@pbx.example.com>;tag=5a7e3b91
      Call-ID: 9b1e4f7c2a6d3e8f0c5b7a1d4e2f6c3b@192.0.2.15
      CSeq: 2 REGISTER
      Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, MESSAGE, OPTIONS, INFO, SUBSCRIBE, UPDATE
      Supported: path, gruu, outbound
      User-Agent: Yealink SIP-T46S 66.86.0.15
      Authorization: Digest username="1001", realm="pbx.example.com", nonce="6f1c0b7a9e2d4c3b8a71f5e6d2c9b0a4", uri="sip:pbx.example.com", response="0b5e7a3c9d2f1e4a6b8c0d2e4f6a8b1c", algorithm=MD5, qop=auth, nc=00000001, cnonce="7d3f1e5a"
      Expires: 3600
      Allow-Events: talk, hold, conference, refer, check-sync
      Content-Length: %d

      """);

  private final byte[] wire;

  BenchMessages(String template) {
    this.wire = crlf(template);
  }

  /** The message as sent on the wire (a fresh copy). */
  public byte[] bytes() {
    return wire.clone();
  }

  static byte[] crlf(String template) {
    int blank = template.indexOf("\n\n");
    String head = template.substring(0, blank);
    String body = template.substring(blank + 2).replace("\n", "\r\n");
    int bodyLength = body.getBytes(StandardCharsets.UTF_8).length;
    String text = head.replace("\n", "\r\n").formatted(bodyLength) + "\r\n\r\n" + body;
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
