package io.ramal.api.recordings;

import io.ramal.store.Recording;
import io.ramal.store.RecordingFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A recording as the API shows it: identity, call, state, times, and its complete files by
 * format with size and checksum (never where they are on disk).
 */
public final class RecordingView {
    private RecordingView() {}

    public static Map<String, Object> of(Recording r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("call_id", r.callId());
        json.put("seq", r.seq());
        json.put("status", r.status().wireName());
        json.put("started_at", r.startedAt().toString());
        r.endedAt().ifPresent(at -> json.put("ended_at", at.toString()));
        json.put("duration_ms", r.durationMs());
        json.put("paused_ms", r.pausedMs());
        r.callerExtension().ifPresent(e -> json.put("caller_extension", e));
        r.calleeExtension().ifPresent(e -> json.put("callee_extension", e));
        r.stopReason().ifPresent(reason -> json.put("stop_reason", reason));
        r.failure().ifPresent(failure -> json.put("failure", failure));
        Map<String, Object> files = new LinkedHashMap<>();
        file(r.wav()).ifPresent(f -> files.put("wav", f));
        file(r.mp3()).ifPresent(f -> files.put("mp3", f));
        file(r.stereo()).ifPresent(f -> files.put("stereo", f));
        json.put("files", files);
        return json;
    }

    private static Optional<Map<String, Object>> file(Optional<RecordingFile> file) {
        return file.map(f -> Map.of("size", f.size(), "sha256", f.sha256()));
    }
}
