package io.ramal.media.player;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.Pcm;
import io.ramal.media.audio.Clip;
import io.ramal.media.audio.Goertzel;
import io.ramal.media.audio.SignalLevel;
import io.ramal.media.audio.ToneGenerator;
import io.ramal.media.audio.UploadLimits;
import io.ramal.media.audio.WavFormat;
import io.ramal.media.audio.WavReader;
import io.ramal.media.audio.WavResult;
import io.ramal.media.audio.WavWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MusicOnHoldTest {

    @Test
    void shippedMusicIsSmallTelephonyAudioOfAtLeastHalfAMinute() throws IOException {
        byte[] wav = resource();

        assertThat(wav.length).isLessThanOrEqualTo(1024 * 1024);
        assertThat(WavReader.header(wav).orElseThrow().format()).isEqualTo(WavFormat.TELEPHONY);
        assertThat(MusicOnHold.defaultMusic().duration().toSeconds()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void shippedMusicIsExactlyWhatTheComposerMakes() throws IOException {
        assertThat(HoldMusicComposer.composeWav()).isEqualTo(resource());
    }

    @Test
    void musicIsNeverSilentAndNeverClipped() {
        short[] music = MusicOnHold.defaultMusic().samples();

        for (int second = 0; second + Pcm.SAMPLE_RATE <= music.length; second += Pcm.SAMPLE_RATE) {
            assertThat(SignalLevel.dbfs(music, second, Pcm.SAMPLE_RATE)).as("second %d", second / Pcm.SAMPLE_RATE).isBetween(-30.0, -8.0);
        }
        assertThat(SignalLevel.peak(music)).isLessThan(Short.MAX_VALUE);
    }

    @Test
    void musicIsNotMonotone() {
        short[] music = MusicOnHold.defaultMusic().samples();
        Set<Integer> dominantNotes = new HashSet<>();
        int window = 2800;
        for (int at = 0; at + window <= music.length; at += window) {
            int best = -1;
            double bestLevel = Double.NEGATIVE_INFINITY;
            for (int note = 45; note <= 88; note++) {
                double level = Goertzel.levelDbfs(music, at, window, 440 * Math.pow(2, (note - 69) / 12.0));
                if (level > bestLevel) {
                    bestLevel = level;
                    best = note;
                }
            }
            dominantNotes.add(best);
        }
        assertThat(dominantNotes).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void loopHasNoSeam() {
        short[] music = MusicOnHold.defaultMusic().samples();
        int maxStep = 0;
        for (int i = 1; i < music.length; i++) {
            maxStep = Math.max(maxStep, Math.abs(music[i] - music[i - 1]));
        }

        assertThat(Math.abs(music[0] - music[music.length - 1])).isLessThanOrEqualTo(maxStep);
        assertThat(Math.abs(music[music.length - 1])).isGreaterThan(0); // tails ring across the loop point
    }

    @Test
    void tenantHearsItsUploadAndOthersTheDefault() {
        MusicOnHold moh = new MusicOnHold(Clip.of(ToneGenerator.samples(8000, new io.ramal.media.audio.Tone(400, 0.3))));
        byte[] upload = WavWriter.encode(Clip.of(ToneGenerator.samples(16000, new io.ramal.media.audio.Tone(900, 0.3))));

        assertThat(moh.upload("acme", upload, UploadLimits.DEFAULT)).isInstanceOf(WavResult.Accepted.class);

        assertThat(Goertzel.levelDbfs(moh.play("acme", PlaybackListener.NONE).read(), 900)).isGreaterThan(-15);
        assertThat(Goertzel.levelDbfs(moh.play("globex", PlaybackListener.NONE).read(), 400)).isGreaterThan(-15);
        moh.useDefault("acme");
        assertThat(moh.music("acme")).isEqualTo(moh.music("globex"));
    }

    @Test
    void refusedUploadKeepsTheCurrentMusic() {
        MusicOnHold moh = new MusicOnHold(Clip.of(new short[8000]));
        Clip before = moh.music("acme");

        WavResult<Clip> result = moh.upload("acme", new byte[] {1, 2, 3}, UploadLimits.DEFAULT);

        assertThat(result).isInstanceOf(WavResult.Rejected.class);
        assertThat(moh.music("acme")).isSameAs(before);
    }

    private static byte[] resource() throws IOException {
        try (InputStream in = MusicOnHold.class.getResourceAsStream(MusicOnHold.DEFAULT_RESOURCE)) {
            assertThat(in).isNotNull();
            return in.readAllBytes();
        }
    }
}
