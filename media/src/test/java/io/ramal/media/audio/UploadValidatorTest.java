package io.ramal.media.audio;

import static io.ramal.media.audio.WavReaderTest.sine;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadValidatorTest {
    private static final UploadLimits LIMITS = new UploadLimits(2_000_000, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void acceptsATypicalStereoUploadConvertedToTelephony() {
        byte[] wav = WavWriter.encode(44100, sine(44100, 440, 0.3, 88200), sine(44100, 660, 0.3, 88200));

        WavResult<Clip> result = UploadValidator.validate(wav, LIMITS);

        assertThat(result).isInstanceOfSatisfying(WavResult.Accepted.class,
                a -> assertThat(((Clip) a.value()).duration()).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void refusesTooLargeTooLongTooShortSilentAndGarbage() {
        assertProblem(new byte[2_000_001], WavProblem.TOO_LARGE);
        assertProblem(WavWriter.encode(8000, sine(8000, 440, 0.3, 6 * 8000)), WavProblem.TOO_LONG);
        assertProblem(WavWriter.encode(8000, sine(8000, 440, 0.3, 4000)), WavProblem.TOO_SHORT);
        assertProblem(WavWriter.encode(8000, new short[16000]), WavProblem.SILENT);
        assertProblem("<html>not audio</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8), WavProblem.NOT_WAV);
    }

    @Test
    void refusesALargeFileOnDiskWithoutLoadingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("upload.wav");
        Files.write(file, new byte[2_000_001]);

        WavResult<Clip> result = UploadValidator.validate(file, LIMITS);

        assertThat(result).isInstanceOfSatisfying(WavResult.Rejected.class, r -> {
            assertThat(r.problem()).isEqualTo(WavProblem.TOO_LARGE);
            assertThat(r.message()).contains("too large").contains("2000001");
        });
    }

    private static void assertProblem(byte[] wav, WavProblem problem) {
        assertThat(UploadValidator.validate(wav, LIMITS)).isInstanceOfSatisfying(WavResult.Rejected.class,
                r -> assertThat(r.problem()).isEqualTo(problem));
    }
}
