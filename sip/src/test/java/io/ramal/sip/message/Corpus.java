package io.ramal.sip.message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the conformance corpora kept under src/test/resources/corpora. */
final class Corpus {
  private Corpus() {}

  static Path dir(String name) {
    try {
      return Path.of(Corpus.class.getResource("/corpora/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("corpus missing: " + name, e);
    }
  }

  static byte[] read(String corpus, String file) {
    try {
      return Files.readAllBytes(dir(corpus).resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
