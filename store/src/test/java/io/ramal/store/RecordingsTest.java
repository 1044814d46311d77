package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class RecordingsTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    private static final String SHA_C = "c".repeat(64);

    @Parameter
    Backend backend;

    private static ScratchDatabase scratch;
    private static DataSource dataSource;

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        scratch = ScratchDatabase.create(backend);
        dataSource = scratch.open().dataSource();
    }

    @AfterParameterizedClassInvocation
    static void removeStore() {
        scratch.close();
    }

    private final Recordings recordings = new Recordings(dataSource);

    @Test
    void aRecordingGoesFromRecordingThroughPauseAndProcessingToReadyWithEveryFileMeasured() {
        String tenant = RandomTenant.create(dataSource);
        Recording started = started(tenant, "call-1", 1, T0);
        recordings.insert(started);
        assertThat(recordings.find(tenant, started.id())).contains(started);

        assertThat(recordings.paused(tenant, started.id())).isTrue();
        assertThat(recordings.find(tenant, started.id()).orElseThrow().status()).isEqualTo(RecordingStatus.PAUSED);
        assertThat(recordings.resumed(tenant, started.id(), 1_500)).isTrue();
        assertThat(recordings.stopped(tenant, started.id(), T0.plusSeconds(10), 1_500, "api")).isTrue();
        RecordingFile wav = new RecordingFile(started.wavPath(), 160_044, SHA_A);
        RecordingFile stereo = new RecordingFile(started.wavPath().replace(".wav", "-stereo.wav"), 320_044, SHA_B);
        assertThat(recordings.wavReady(tenant, started.id(), 10_000, wav, Optional.of(stereo), true)).isTrue();
        Recording processing = recordings.find(tenant, started.id()).orElseThrow();
        assertThat(processing.status()).isEqualTo(RecordingStatus.PROCESSING);
        assertThat(processing.wav()).contains(wav);
        assertThat(processing.mp3()).isEmpty();

        RecordingFile mp3 = new RecordingFile(started.wavPath().replace(".wav", ".mp3"), 40_000, SHA_C);
        assertThat(recordings.mp3Ready(tenant, started.id(), Optional.of(mp3))).isTrue();

        Recording ready = recordings.find(tenant, started.id()).orElseThrow();
        assertThat(ready.status()).isEqualTo(RecordingStatus.READY);
        assertThat(ready.endedAt()).contains(T0.plusSeconds(10));
        assertThat(ready.durationMs()).isEqualTo(10_000);
        assertThat(ready.pausedMs()).isEqualTo(1_500);
        assertThat(ready.wav()).contains(wav);
        assertThat(ready.stereo()).contains(stereo);
        assertThat(ready.mp3()).contains(mp3);
        assertThat(ready.stopReason()).contains("api");
        assertThat(ready.failure()).isEmpty();
    }

    @Test
    void withoutAnMp3TheRecordingIsReadyAsSoonAsTheWavIs() {
        String tenant = RandomTenant.create(dataSource);
        Recording r = started(tenant, "call-1", 1, T0);
        recordings.insert(r);
        recordings.stopped(tenant, r.id(), T0.plusSeconds(3), 0, "call ended");

        recordings.wavReady(tenant, r.id(), 3_000, new RecordingFile(r.wavPath(), 48_044, SHA_A), Optional.empty(),
                false);

        Recording ready = recordings.find(tenant, r.id()).orElseThrow();
        assertThat(ready.status()).isEqualTo(RecordingStatus.READY);
        assertThat(ready.mp3()).isEmpty();
        assertThat(ready.stereo()).isEmpty();
    }

    @Test
    void lateOrRepeatedReportsChangeNothing() {
        String tenant = RandomTenant.create(dataSource);
        Recording r = started(tenant, "call-1", 1, T0);
        recordings.insert(r);

        assertThat(recordings.resumed(tenant, r.id(), 10)).as("resume while recording").isFalse();
        assertThat(recordings.mp3Ready(tenant, r.id(), Optional.empty())).as("MP3 before the WAV").isFalse();
        assertThat(recordings.stopped(tenant, r.id(), T0.plusSeconds(1), 0, "api")).isTrue();
        assertThat(recordings.stopped(tenant, r.id(), T0.plusSeconds(2), 0, "call ended")).isFalse();
        assertThat(recordings.paused(tenant, r.id())).isFalse();
        assertThat(recordings.wavReady(tenant, r.id(), 1_000, new RecordingFile("elsewhere.wav", 1, SHA_A),
                Optional.empty(), false)).as("a WAV at another path").isFalse();
        recordings.wavReady(tenant, r.id(), 1_000, new RecordingFile(r.wavPath(), 16_044, SHA_A), Optional.empty(),
                false);
        assertThat(recordings.failed(tenant, r.id(), T0.plusSeconds(5), "disk full")).as("ready stays ready").isFalse();

        Recording after = recordings.find(tenant, r.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(RecordingStatus.READY);
        assertThat(after.stopReason()).contains("api");
        assertThat(after.endedAt()).contains(T0.plusSeconds(1));
    }

    @Test
    void aFailedRecordingSaysWhy() {
        String tenant = RandomTenant.create(dataSource);
        Recording r = started(tenant, "call-1", 1, T0);
        recordings.insert(r);

        assertThat(recordings.failed(tenant, r.id(), T0.plusSeconds(4), "cannot write recording: disk full")).isTrue();

        Recording failed = recordings.find(tenant, r.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(RecordingStatus.FAILED);
        assertThat(failed.failure()).contains("cannot write recording: disk full");
        assertThat(failed.endedAt()).contains(T0.plusSeconds(4));
    }

    @Test
    void anotherTenantNeitherSeesNorChangesARecording() {
        String owner = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        Recording r = started(owner, "call-1", 1, T0);
        recordings.insert(r);

        assertThat(recordings.find(other, r.id())).isEmpty();
        assertThat(recordings.ofCall(other, "call-1")).isEmpty();
        assertThat(recordings.list(other, RecordingQuery.all()).recordings()).isEmpty();
        assertThat(recordings.paused(other, r.id())).isFalse();
        assertThat(recordings.stopped(other, r.id(), T0, 0, "api")).isFalse();
        assertThat(recordings.failed(other, r.id(), T0, "x")).isFalse();
        assertThat(recordings.find(owner, r.id()).orElseThrow().status()).isEqualTo(RecordingStatus.RECORDING);
    }

    @Test
    void aCallsRecordingsAreNumberedAndEachNumberIsUsedOnce() {
        String tenant = RandomTenant.create(dataSource);
        recordings.insert(started(tenant, "call-1", 1, T0));
        recordings.insert(started(tenant, "call-1", 2, T0.plusSeconds(5)));

        assertThat(recordings.ofCall(tenant, "call-1")).extracting(Recording::seq).containsExactly(1, 2);
        Recording again = new Recording("other-id", tenant, "call-1", 2, Optional.empty(), Optional.empty(),
                RecordingStatus.RECORDING, T0, Optional.empty(), 0, 0, "x/other-id.wav", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> recordings.insert(again)).isInstanceOf(StoreException.class);
    }

    @Test
    void listingFiltersByCallExtensionAndTimeAndPagesNewestFirst() {
        String tenant = RandomTenant.create(dataSource);
        List<Recording> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Recording r = new Recording("call-" + i + "-1", tenant, "call-" + i, 1,
                    Optional.of(i % 2 == 0 ? "1001" : "1003"), Optional.of("1002"), RecordingStatus.RECORDING,
                    T0.plusSeconds(60L * i), Optional.empty(), 0, 0, "d/call-" + i + "-1.wav", Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            recordings.insert(r);
            all.add(r);
        }

        RecordingPage first = recordings.list(tenant, RecordingQuery.all().withLimit(2));
        assertThat(first.recordings()).extracting(Recording::callId).containsExactly("call-4", "call-3");
        RecordingPage second = recordings.list(tenant, RecordingQuery.all().withLimit(2)
                .withAfter(first.nextCursor().orElseThrow()));
        assertThat(second.recordings()).extracting(Recording::callId).containsExactly("call-2", "call-1");
        RecordingPage last = recordings.list(tenant, RecordingQuery.all().withLimit(2)
                .withAfter(second.nextCursor().orElseThrow()));
        assertThat(last.recordings()).extracting(Recording::callId).containsExactly("call-0");
        assertThat(last.nextCursor()).isEmpty();

        assertThat(recordings.list(tenant, RecordingQuery.all().withCallId("call-3")).recordings())
                .containsExactly(all.get(3));
        assertThat(recordings.list(tenant, RecordingQuery.all().withExtension("1003")).recordings())
                .extracting(Recording::callId).containsExactly("call-3", "call-1");
        assertThat(recordings.list(tenant, RecordingQuery.all().withExtension("1002")).recordings()).hasSize(5);
        assertThat(recordings.list(tenant, RecordingQuery.all().withStartedFrom(T0.plusSeconds(60))
                .withStartedUntil(T0.plusSeconds(180))).recordings())
                .extracting(Recording::callId).containsExactly("call-2", "call-1");
        assertThatThrownBy(() -> RecordingQuery.all().withAfter("bm90LWEtY3Vyc29y"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterARestartNothingIsLeftRecordingAndCompleteWavsStayDownloadable() {
        String tenant = RandomTenant.create(dataSource);
        Recording live = started(tenant, "call-1", 1, T0);
        Recording paused = started(tenant, "call-2", 1, T0);
        Recording measured = started(tenant, "call-3", 1, T0);
        Recording finished = started(tenant, "call-4", 1, T0);
        for (Recording r : List.of(live, paused, measured, finished)) {
            recordings.insert(r);
        }
        recordings.paused(tenant, paused.id());
        recordings.stopped(tenant, measured.id(), T0.plusSeconds(2), 0, "api");
        recordings.wavReady(tenant, measured.id(), 2_000, new RecordingFile(measured.wavPath(), 32_044, SHA_A),
                Optional.empty(), true);
        recordings.stopped(tenant, finished.id(), T0.plusSeconds(2), 0, "api");
        recordings.wavReady(tenant, finished.id(), 2_000, new RecordingFile(finished.wavPath(), 32_044, SHA_A),
                Optional.empty(), false);

        recordings.closeUnfinished(T0.plusSeconds(60), "the server stopped while recording");

        assertThat(recordings.find(tenant, live.id()).orElseThrow().status()).isEqualTo(RecordingStatus.FAILED);
        assertThat(recordings.find(tenant, paused.id()).orElseThrow().failure())
                .contains("the server stopped while recording");
        assertThat(recordings.find(tenant, measured.id()).orElseThrow().status()).isEqualTo(RecordingStatus.READY);
        assertThat(recordings.find(tenant, finished.id()).orElseThrow().status()).isEqualTo(RecordingStatus.READY);
    }

    @Test
    void storedPathsNeverLeaveTheRecordingsDirectory() {
        for (String bad : List.of("/etc/passwd", "../x.wav", "a/../../x.wav", "a//b.wav", "a\\b.wav", "")) {
            assertThatThrownBy(() -> new RecordingFile(bad, 1, SHA_A)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new RecordingFile("a.wav", 1, "ABC")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void finishedRecordingsOlderThanACutoffAreListedOldestFirstAndDeletedOneByOne() {
        String tenant = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        Recording old = finished(tenant, "call-old", T0);
        Recording failed = started(tenant, "call-failed", 1, T0.plusSeconds(60));
        recordings.insert(failed);
        recordings.failed(tenant, failed.id(), T0.plusSeconds(70), "disk full");
        Recording live = started(tenant, "call-live", 1, T0.plusSeconds(30));
        recordings.insert(live);
        Recording recent = finished(tenant, "call-recent", T0.plusSeconds(86_400));
        Recording otherTenants = finished(other, "call-x", T0);
        Instant cutoff = T0.plusSeconds(3_600);

        List<Recording> due = recordings.finishedBefore(tenant, cutoff, 10);

        assertThat(due).extracting(Recording::id).containsExactly(old.id(), failed.id());
        assertThat(recordings.finishedBefore(tenant, cutoff, 1)).extracting(Recording::id).containsExactly(old.id());
        assertThat(recordings.delete(tenant, live.id())).as("a live recording stays").isFalse();
        assertThat(recordings.delete(other, old.id())).as("another tenant's id").isFalse();
        assertThat(recordings.delete(tenant, old.id())).isTrue();
        assertThat(recordings.delete(tenant, old.id())).isFalse();
        assertThat(recordings.find(tenant, old.id())).isEmpty();
        assertThat(recordings.find(tenant, recent.id())).isPresent();
        assertThat(recordings.find(other, otherTenants.id())).isPresent();
        assertThat(recordings.tenants()).contains(tenant, other);
    }

    private Recording finished(String tenant, String callId, Instant at) {
        Recording r = started(tenant, callId, 1, at);
        recordings.insert(r);
        recordings.stopped(tenant, r.id(), at.plusSeconds(5), 0, "hangup");
        recordings.wavReady(tenant, r.id(), 5_000, new RecordingFile(r.wavPath(), 80_044, SHA_A), Optional.empty(),
                false);
        return r;
    }

    private static Recording started(String tenant, String callId, int seq, Instant at) {
        String id = callId + "-" + seq + "-" + UUID.randomUUID().toString().substring(0, 8);
        return Recording.started(id, tenant, callId, seq, Optional.of("1001"), Optional.of("1002"), at,
                tenant + "/2026/11/21/" + id + ".wav");
    }
}
