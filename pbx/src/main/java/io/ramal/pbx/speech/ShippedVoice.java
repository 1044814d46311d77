package io.ramal.pbx.speech;

import io.ramal.cti.Language;
import io.ramal.media.Pcm;
import io.ramal.media.audio.Clip;
import io.ramal.media.audio.WavReader;
import io.ramal.media.audio.WavResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The voice Ramal ships for one language: the word prompts under {@code io/ramal/pbx/speech/<language>/}
 * on the class path, read once each and kept, and sentences of them joined into one clip — a short
 * pause between words, a longer one between sentences. Safe for every shard at once.
 */
public final class ShippedVoice {
  /** The pause between two words of a sentence. */
  static final int WORD_GAP_SAMPLES = Pcm.SAMPLE_RATE * 80 / 1000;
  /** The pause between two sentences. */
  static final int SENTENCE_GAP_SAMPLES = Pcm.SAMPLE_RATE * 400 / 1000;
  private static final Map<Language, ShippedVoice> VOICES = new EnumMap<>(Language.class);

  static {
    for (Language language : Language.values()) VOICES.put(language, new ShippedVoice(language));
  }

  private final Language language;
  private final Map<String, Clip> words = new ConcurrentHashMap<>();

  private ShippedVoice(Language language) {
    this.language = language;
  }

  public static ShippedVoice of(Language language) {
    return VOICES.get(Objects.requireNonNull(language, "language"));
  }

  /** Where word {@code word} of {@code language} lies on the class path. */
  public static String resource(Language language, String word) {
    return "io/ramal/pbx/speech/" + language.wire() + "/" + word + ".wav";
  }

  /** The prompt of {@code word}; empty when none is shipped. */
  public Optional<Clip> word(String word) {
    Clip known = words.get(word);
    if (known != null) return Optional.of(known);
    Optional<Clip> read = read(resource(language, word));
    read.ifPresent(clip -> words.put(word, clip));
    return read;
  }

  /** The sentences said one after the other, as one clip; a word with no shipped prompt is an error. */
  public Clip say(List<List<String>> sentences) {
    List<short[]> parts = new ArrayList<>();
    for (List<String> sentence : sentences) {
      if (!parts.isEmpty()) parts.add(new short[SENTENCE_GAP_SAMPLES]);
      for (int i = 0; i < sentence.size(); i++) {
        if (i > 0) parts.add(new short[WORD_GAP_SAMPLES]);
        String w = sentence.get(i);
        parts.add(word(w).orElseThrow(() -> new IllegalStateException("no " + language.wire() + " prompt for " + w))
            .samples());
      }
    }
    return concatenated(parts);
  }

  /** {@code first}, a pause as long as between two sentences, then {@code then}. */
  public static Clip joined(Clip first, Clip then) {
    return concatenated(List.of(first.samples(), new short[SENTENCE_GAP_SAMPLES], then.samples()));
  }

  private static Clip concatenated(List<short[]> parts) {
    short[] all = new short[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (short[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return Clip.of(all);
  }

  private static Optional<Clip> read(String resource) {
    try (InputStream in = ShippedVoice.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) return Optional.empty();
      return switch (WavReader.read(in.readAllBytes())) {
        case WavResult.Accepted<Clip> a -> Optional.of(a.value());
        case WavResult.Rejected<Clip> r -> throw new IllegalStateException(resource + " is no playable WAV: "
            + r.message());
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
