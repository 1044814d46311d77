package io.ramal.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The accept/reject intent of the NIST JAIN-SIP torture corpus: cases that expect a parse
 * exception are refused, the rest are accepted. Cases where our stricter RFC 3261 reading differs
 * from JAIN-SIP's are listed in {@link #STRICTER} with the rule that refuses them.
 */
class JainSipTortureTest {
  record Case(int index, String kind, String text, boolean expectReject) {}

  /** Accepted by JAIN-SIP but refused here, each for an RFC 3261 rule (see the comment). */
  static final Set<Integer> STRICTER = Set.of(
      13, // a whitespace-only line is a folded continuation, not the end of the headers (§7.3.1)
      14, // no LWS inside <> around the addr-spec (§25.1 LAQUOT/RAQUOT; RFC 4475 badaspec)
      24, // From is mandatory in every message (§8.1.1)
      383, // a branch that is only the magic cookie (RFC 4475 §3.1.2.20 badbranch)
      391); // several values in single-valued fields (RFC 4475 §3.3.8 multi01: 400)

  /** Refused by JAIN-SIP's parser, accepted by ours because the refusal belongs to another layer. */
  static final Set<Integer> LATER_LAYER = Set.of(
      6, // unknown Request-URI scheme: syntactically valid, the server answers 416 (RFC 4475 unkscm)
      23); // JAIN-SIP refuses the SDP body (port 492170); SDP is not the SIP parser's business

  /** The XML lost the blank line that the original datagram had (RFC 4475 dblreq is tested raw). */
  static final Set<Integer> DAMAGED = Set.of(358);

  static Stream<Named<Case>> cases() throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setValidating(false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    var doc = factory.newDocumentBuilder().parse(Corpus.dir("jain-sip-torture").resolve("torture.xml").toFile());
    NodeList testcases = doc.getElementsByTagName("testcase");
    List<Named<Case>> out = new ArrayList<>();
    for (int i = 0; i < testcases.getLength(); i++) {
      Element tc = (Element) testcases.item(i);
      boolean reject = tc.getElementsByTagName("expect-exception-callback").getLength() > 0;
      if (DAMAGED.contains(i)) continue;
      for (String kind : new String[] {"message", "sip-header", "sip-url"}) {
        NodeList n = tc.getElementsByTagName(kind);
        if (n.getLength() == 0) continue;
        String text = textWithHex(n.item(0));
        String desc = tc.getElementsByTagName("description").getLength() > 0
            ? tc.getElementsByTagName("description").item(0).getTextContent().strip() : "";
        out.add(Named.of(i + " " + kind + " " + Snippet.of(desc), new Case(i, kind, text, reject)));
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void acceptsOrRejectsAsIntended(Case c) {
    boolean accepted = switch (c.kind()) {
      case "message" -> SipParser.parse(crlf(c.text()).getBytes(StandardCharsets.UTF_8)) instanceof ParseResult.Parsed;
      case "sip-url" -> parses(() -> Uri.parse(c.text().strip()));
      default -> headerParses(c.text().strip());
    };
    boolean expectAccept = (!c.expectReject() || LATER_LAYER.contains(c.index())) && !STRICTER.contains(c.index());
    assertThat(accepted).as("accepted").isEqualTo(expectAccept);
  }

  private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("<hex>([0-9a-fA-F]+)</hex>");

  /** The CDATA text, where the corpus's {@code <hex>20</hex>} markers stand for the bytes they spell. */
  private static String textWithHex(org.w3c.dom.Node node) {
    return HEX.matcher(node.getTextContent()).replaceAll(m -> {
      StringBuilder b = new StringBuilder();
      String hex = m.group(1);
      for (int k = 0; k + 1 < hex.length(); k += 2) b.append((char) Integer.parseInt(hex.substring(k, k + 2), 16));
      return java.util.regex.Matcher.quoteReplacement(b.toString());
    });
  }

  private static String crlf(String lf) {
    String s = lf.replace("\r\n", "\n");
    while (s.startsWith("\n")) s = s.substring(1);
    if (!s.contains("\n\n")) s = s.stripTrailing() + "\n\n";
    return s.replace("\n", "\r\n");
  }

  private static boolean parses(Runnable r) {
    try {
      r.run();
      return true;
    } catch (MalformedException e) {
      return false;
    }
  }

  /** Puts the header into a minimal valid request and parses that. */
  private static boolean headerParses(String header) {
    String name = HeaderNames.canonical(header.substring(0, Math.max(0, header.indexOf(':'))).strip());
    StringBuilder msg = new StringBuilder("OPTIONS sip:a@example.com SIP/2.0\r\n");
    String[][] base = {{"Via", "SIP/2.0/UDP h.example.com;branch=z9hG4bK1"}, {"From", "<sip:b@example.com>;tag=1"},
        {"To", "<sip:a@example.com>"}, {"Call-ID", "c1"}, {"CSeq", "1 OPTIONS"}};
    for (String[] h : base) if (!h[0].equals(name)) msg.append(h[0]).append(": ").append(h[1]).append("\r\n");
    msg.append(header.replace("\n", "\r\n")).append("\r\n\r\n");
    ParseResult r = SipParser.parse(msg.toString().getBytes(StandardCharsets.UTF_8));
    if (!(r instanceof ParseResult.Parsed p)) return false;
    return parses(() -> TypedHeaders.check(p.message(), HeaderNames.canonical(name)));
  }
}
