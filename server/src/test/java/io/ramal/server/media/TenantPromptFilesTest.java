package io.ramal.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.api.ivr.PromptUpload;
import io.ramal.api.ivr.StoredPrompt;
import io.ramal.media.audio.Goertzel;
import io.ramal.media.audio.UploadLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TenantPromptFilesTest {
  private final Path dir = tempDir();
  private final TenantPromptFiles files = TenantPromptFiles.open(dir, UploadLimits.DEFAULT);

  @AfterEach
  void clean() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void anUploadIsConvertedAndKeptUnderTheHashOfWhatIsPlayedForItsTenantOnly() {
    PromptUpload upload = files.store("acme", TenantMusicFilesTest.toneWav(700, 2));

    assertThat(upload).isInstanceOf(PromptUpload.Stored.class);
    StoredPrompt prompt = ((PromptUpload.Stored) upload).prompt();
    assertThat(((PromptUpload.Stored) upload).uploadedFormat()).isEqualTo("PCM 16-bit 16000 Hz stereo");
    assertThat(prompt.duration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(prompt.sha256()).isEqualTo(CheckedAudio.sha256(prompt.wav()));
    assertThat(files.clip("acme", prompt.sha256())).hasValueSatisfying(clip ->
        assertThat(Goertzel.amplitude(clip.samples(), 700)).isGreaterThan(Goertzel.amplitude(clip.samples(), 1000) * 10));
    assertThat(files.clip("globex", prompt.sha256())).isEmpty();
    assertThat(files.find("acme", prompt.sha256())).map(StoredPrompt::wav).hasValue(prompt.wav());
  }

  @Test
  void storedPromptsComeBackAfterARestartAndForgottenOnesDoNot() {
    String kept = ((PromptUpload.Stored) files.store("acme", TenantMusicFilesTest.toneWav(700, 2))).prompt().sha256();
    String gone = ((PromptUpload.Stored) files.store("acme", TenantMusicFilesTest.toneWav(900, 2))).prompt().sha256();
    files.forget("acme", gone);

    TenantPromptFiles reopened = TenantPromptFiles.open(dir, UploadLimits.DEFAULT);

    assertThat(reopened.clip("acme", kept)).isPresent();
    assertThat(reopened.clip("acme", gone)).isEmpty();
    assertThat(reopened.find("acme", gone)).isEmpty();
  }

  @Test
  void refusalsAreThoseOfMusicOnHold() {
    PromptUpload notAudio = files.store("acme", "not audio".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    PromptUpload tooLarge = TenantPromptFiles.open(dir, new UploadLimits(100, Duration.ofSeconds(1),
        Duration.ofMinutes(1))).store("acme", TenantMusicFilesTest.toneWav(700, 2));

    assertThat(notAudio).isInstanceOfSatisfying(PromptUpload.Refused.class, r -> assertThat(r.tooLarge()).isFalse());
    assertThat(tooLarge).isInstanceOfSatisfying(PromptUpload.Refused.class, r -> assertThat(r.tooLarge()).isTrue());
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("ramal-prompts-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
