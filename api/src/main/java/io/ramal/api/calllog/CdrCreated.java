package io.ramal.api.calllog;

import io.ramal.api.history.CdrRoutes;
import io.ramal.api.recordings.RecordingView;
import io.ramal.store.CallRecord;
import io.ramal.store.Recording;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a {@code cdr.created} event: the call's direction and parties at the top (where
 * webhook templates and Meetip variables find them: {@code %CALLER_ID%}, {@code %DURACION%},
 * {@code {{caller_number}}}…), its disposition and times, the CDR as {@code GET /api/v1/cdrs/{id}}
 * shows it, and its recordings as {@code GET /api/v1/recordings/{id}} shows them.
 */
final class CdrCreated {

    static final String TYPE = "cdr.created";

    private CdrCreated() {}

    static Map<String, Object> fields(CallRecord cdr, List<Recording> recordings) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("direction", cdr.direction().wireName());
        fields.put("caller_number", cdr.caller());
        fields.put("callee_number", cdr.callee());
        Map<String, Object> view = CdrRoutes.view(cdr);
        fields.put("disposition", view.get("disposition"));
        fields.put("cause", cdr.cause());
        fields.put("started_at", cdr.startedAt().toString());
        fields.put("answered_at", cdr.answeredAt().map(Object::toString).orElse(null));
        fields.put("ended_at", cdr.endedAt().toString());
        fields.put("duration", cdr.answeredAt().map(a -> Duration.between(a, cdr.endedAt()).toSeconds()).orElse(0L));
        fields.put("billable_seconds", cdr.billableSeconds());
        fields.put("cdr", view);
        List<Recording> ordered = new ArrayList<>(recordings);
        ordered.sort(Comparator.comparingInt(Recording::seq));
        List<Map<String, Object>> shown = new ArrayList<>();
        String last = null;
        for (Recording recording : ordered) {
            shown.add(RecordingView.of(recording));
            if (recording.wav().isPresent()) {
                last = recording.id();
            }
        }
        fields.put("recording_id", last);
        fields.put("recordings", shown);
        return fields;
    }
}
