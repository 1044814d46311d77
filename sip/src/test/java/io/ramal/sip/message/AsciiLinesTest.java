package io.ramal.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte-level reading of an ASCII header section ({@link AsciiLines}) must give exactly what the
 * general text reading ({@link TextLines}) gives: the same start line, fields and errors.
 */
class AsciiLinesTest {

  /** The corpus messages that have a whole, all-ASCII header section (the others never take this path). */
  static Stream<String> corpusMessages() throws IOException {
    List<String> out = new ArrayList<>();
    for (String corpus : new String[] {"rfc4475", "rfc5118"}) {
      try (Stream<Path> files = Files.list(Corpus.dir(corpus))) {
        files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".md")).sorted().forEach(n -> {
          byte[] d = Corpus.read(corpus, n);
          int end = SipParser.headerEnd(d, 0, d.length);
          if (end > 0 && ByteScan.isAscii(d, 0, end)) out.add(corpus + "/" + n);
        });
      }
    }
    assertThat(out).hasSizeGreaterThan(40);
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("corpusMessages")
  void readsEveryAsciiCorpusMessageAsTheTextReadingDoes(String file) {
    int slash = file.indexOf('/');
    byte[] data = Corpus.read(file.substring(0, slash), file.substring(slash + 1));
    assertSameReading(data);
  }

  static Stream<String> oddSections() {
    return Stream.of(
        "INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\nv:SIP/2.0/UDP h\ni :  x  \nl: 0\n\n",
        "INVITE sip:a@b SIP/2.0\r\nSubject: one\r\n  two\r\n\tthree\r\nTo: x\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\nSubject: trailing  \r\n \r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\n folded start\r\n\r\n",
        " INVITE sip:a@b SIP/2.0\r\nTo: x\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\nTo: x\r\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\nTo: a\rb\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\nTo: \u000bvalue\u001f\f\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\nTo: a\u0000b\u0007c\td\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\nTo: a\u0001b\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\nTo: a very long value that spans words\u0002 and more\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\nNo colon here\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\n: empty name\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\nBad Name: x\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\nName  \t: spaced\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\nCALL-id: x\r\nrecord-ROUTE: <sip:p;lr>\r\nX-Unknown: y\r\nK: timer\r\n\r\n",
        "SIP/2.0 200 OK\r\nVia: a\r\n  , b\r\n\r\n",
        "INVITE sip:a@b SIP/2.0\r\nA-Name-That-Is-Longer-Than-Any-Known-One: v\r\n\r\n");
  }

  @ParameterizedTest
  @MethodSource("oddSections")
  void readsOddSectionsAsTheTextReadingDoes(String section) {
    assertSameReading(section.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void namesKnownHeadersWithTheirCanonicalInstances() {
    HeaderSection s = new HeaderSection();
    byte[] d = "INVITE sip:a@b SIP/2.0\r\nv: x\r\nCALL-ID: y\r\nX-Other: z\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    AsciiLines.read(d, 0, SipParser.headerEnd(d, 0, d.length, s), s);
    assertThat(s.fields.get(0).name()).isSameAs(HeaderNames.VIA);
    assertThat(s.fields.get(1).name()).isSameAs(HeaderNames.CALL_ID);
    assertThat(s.fields.get(2).name()).isEqualTo("X-Other");
  }

  /** Both readings of {@code data}'s header section, compared as outcome text. */
  private static void assertSameReading(byte[] data) {
    int first = 0;
    while (first < data.length && (data[first] == '\r' || data[first] == '\n')) first++;
    int start = first;
    HeaderSection fast = new HeaderSection();
    int end = SipParser.headerEnd(data, start, data.length, fast);
    assertThat(end).as("header end").isPositive();
    assertThat(ByteScan.isAscii(data, start, end)).as("ASCII section").isTrue();
    HeaderSection text = new HeaderSection();
    String fastOutcome = outcome(() -> AsciiLines.read(data, start, end, fast), fast);
    String textOutcome = outcome(() -> TextLines.read(new String(data, start, end - start, StandardCharsets.UTF_8), text), text);
    assertThat(fastOutcome).isEqualTo(textOutcome);
  }

  private static String outcome(Runnable read, HeaderSection s) {
    String error = "";
    try {
      read.run();
    } catch (MalformedException e) {
      error = e.status() + " " + e.getMessage();
    }
    return "error=" + error + "\nstart=" + s.startLine + "\nrequest=" + s.request + "\nfields=" + s.fields;
  }
}
