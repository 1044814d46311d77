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
 * The PROTOS c07-sip test cases (University of Oulu, GPL-2 test material): each file holds two
 * length-prefixed PDUs, the INVITE under test and a teardown template, with placeholders the
 * injector fills in.
 */
final class ProtosCorpus {
  record Case(String name, byte[] invite, byte[] teardown) {}

  private ProtosCorpus() {}

  /**
   * Every case, in name order: from {@code -Dramal.protos=DIR} when set, else from the copy of the
   * corpus kept zipped in the test resources (corpora/protos-c07-sip.zip, with its licence and
   * SOURCE.md).
   */
  static List<Case> all() {
    String configured = System.getProperty("ramal.protos");
    if (configured != null) {
      try (Stream<Path> files = Files.list(Path.of(configured))) {
        return files.sorted().map(ProtosCorpus::read).toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<Case> cases = new java.util.ArrayList<>();
    try (var in = ProtosCorpus.class.getResourceAsStream("/corpora/protos-c07-sip.zip");
        var zip = new java.util.zip.ZipInputStream(java.util.Objects.requireNonNull(in, "corpus zip missing"))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.isDirectory() || !e.getName().contains("/testcases/")) continue;
        String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
        cases.add(parse(name, zip.readAllBytes()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cases.sort(java.util.Comparator.comparing(Case::name));
    return cases;
  }

  static Case read(Path file) {
    try {
      return parse(file.getFileName().toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Case parse(String name, byte[] d) {
    int[] pos = {0};
    byte[] invite = pdu(d, pos);
    byte[] teardown = pdu(d, pos);
    return new Case(name, invite, teardown);
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
