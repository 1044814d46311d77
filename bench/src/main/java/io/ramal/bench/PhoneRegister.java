package io.ramal.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * The authenticated REGISTER that desk phone number {@code index} sends: its own extension, its
 * own loopback address and port, Call-ID, tag, instance id and credentials. Only bytes: nothing
 * here opens a socket.
 */
public record PhoneRegister(int index) {
  public static final String DOMAIN = "pbx.example.com";

  public PhoneRegister {
    if (index < 0 || index >= 250 * 250 * 250) throw new IllegalArgumentException("index out of range: " + index);
  }

  /** Extension number: 10000, 10001, ... */
  public String user() {
    return Integer.toString(10_000 + index);
  }

  /** Where the phone sends from: 127.x.y.z (loopback, one address per phone), port 5060. */
  public InetSocketAddress source() {
    byte[] ip = {127, (byte) (index / 62_500), (byte) (index / 250 % 250), (byte) (index % 250 + 1)};
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), 5060);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always a valid IPv4 address
    }
  }

  public byte[] bytes() {
    String host = source().getAddress().getHostAddress();
    String user = user();
    String id = "%08x".formatted(index * 0x9E3779B1); // distinct per phone, looks random
    String text = """
        REGISTER sip:%2$s SIP/2.0
        Via: SIP/2.0/UDP %3$s:5060;branch=z9hG4bK-524287-1---%4$s0a9d7c3e;rport
        Max-Forwards: 70
        Contact: <sip:%1$s@%3$s:5060;transport=udp>;+sip.instance="<urn:uuid:00000000-0000-1000-8000-%4$s0015>"
        To: <sip:%1$s@%2$s>
        From: <sip:%1$s@%2$s>;tag=%4$s
        Call-ID: 9b1e4f7c2a6d3e8f0c5b%4$s@%3$s
        CSeq: 2 REGISTER
        Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, MESSAGE, OPTIONS, INFO, SUBSCRIBE, UPDATE
        Supported: path, gruu, outbound
        User-Agent: Yealink SIP-T46S 66.86.0.15
        Authorization: Digest username="%1$s", realm="%2$s", nonce="6f1c0b7a9e2d4c3b8a71f5e6d2c9b0a4", uri="sip:%2$s", response="0b5e7a3c9d2f1e4a6b8c0d2e4f6a8b1c", algorithm=MD5, qop=auth, nc=00000001, cnonce="%4$s"
        Expires: 3600
        Content-Length: 0

        """.formatted(user, DOMAIN, host, id);
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }
}
