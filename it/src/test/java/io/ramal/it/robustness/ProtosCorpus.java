package io.ramal.it.robustness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The PROTOS c07-sip test cases (shared/sip-corpora/protos-c07-sip): each file holds two
 * length-prefixed PDUs, the INVITE under test and a teardown template, with placeholders the
 * injector fills in.
 */
final class ProtosCorpus {
  record Case(String name, byte[] invite, byte[] teardown) {}

  private ProtosCorpus() {}

  /** The corpus directory: {@code -Dramal.protos=DIR}, else found above the working directory. */
  static Path directory() {
    String configured = System.getProperty("ramal.protos");
    if (configured != null) return Path.of(configured);
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/sip-corpora/protos-c07-sip/testcases");
      if (Files.isDirectory(candidate)) return candidate;
      Path sibling = p.resolveSibling("shared").resolve("sip-corpora/protos-c07-sip/testcases");
      if (Files.isDirectory(sibling)) return sibling;
    }
    throw new IllegalStateException("PROTOS corpus not found: set -Dramal.protos=<dir of testcases>");
  }

  static List<Case> all() {
    try (Stream<Path> files = Files.list(directory())) {
      return files.sorted().map(ProtosCorpus::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Case read(Path file) {
    try {
      byte[] d = Files.readAllBytes(file);
      int[] pos = {0};
      byte[] invite = pdu(d, pos);
      byte[] teardown = pdu(d, pos);
      return new Case(file.getFileName().toString(), invite, teardown);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] pdu(byte[] d, int[] pos) {
    int sp = pos[0];
    while (d[sp] != ' ') sp++;
    int len = Integer.parseInt(new String(d, pos[0], sp - pos[0], StandardCharsets.US_ASCII));
    byte[] out = Arrays.copyOfRange(d, sp + 1, sp + 1 + len);
    pos[0] = sp + 1 + len;
    return out;
  }

  /** Fills the placeholders; Content-Length is set to the real body length. */
  static byte[] fill(byte[] template, String to, String from, String host, int localPort, long id, String teardownMethod) {
    byte[] filled = replaceAll(template, new String[][] {
        {"<To>", to}, {"<From>", from}, {"<From-Address>", host}, {"<From-IP>", host},
        {"<Local-Port>", Integer.toString(localPort)}, {"<Branch-ID>", Long.toString(id)}, {"<Call-ID>", "protos-" + id},
        {"<CSeq>", "1"}, {"<Teardown-Method>", teardownMethod}});
    int bodyStart = indexOf(filled, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    int bodyLength = bodyStart < 0 ? 0 : filled.length - bodyStart - 4;
    return replaceAll(filled, new String[][] {{"<Content-Length>", Integer.toString(bodyLength)}});
  }

  private static byte[] replaceAll(byte[] in, String[][] pairs) {
    // Latin-1 keeps every byte as one char, so fuzzed binary content survives the round trip.
    String s = new String(in, StandardCharsets.ISO_8859_1);
    for (String[] p : pairs) s = s.replace(p[0], p[1]);
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
