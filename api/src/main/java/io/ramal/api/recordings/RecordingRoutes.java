package io.ramal.api.recordings;

import static io.ramal.api.calls.CallAccess.expectedVersion;
import static io.ramal.api.calls.CallAccess.narrowedTo;
import static io.ramal.api.calls.CallAccess.refused;
import static io.ramal.api.calls.CallAccess.visibleCall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.calls.TenantBoards;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.cti.CallSnapshot;
import io.ramal.cti.control.CallCommand;
import io.ramal.cti.control.CallControl;
import io.ramal.cti.control.CommandResult;
import io.ramal.cti.control.Refusal;
import io.ramal.store.Recording;
import io.ramal.store.RecordingFile;
import io.ramal.store.RecordingPage;
import io.ramal.store.RecordingQuery;
import io.ramal.store.RecordingStatus;
import io.ramal.store.Recordings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Call recording over REST: control the recording of a live call under
 * {@code /api/v1/calls/{id}/recording/...} (checked against the call's current state on the CTI
 * switchboard first, then carried out by the PBX; {@code recording.*} events report it), and the
 * recordings index under {@code /api/v1/recordings} with each recording's audio as WAV or MP3
 * (byte ranges, ETag = checksum). Another tenant's recording answers 404, as if it did not exist.
 *
 * <p>Who sees what: admins, supervisors, integrations and API keys ({@code recordings:read})
 * see every recording of their tenant; an agent only recordings of calls in which its own
 * extension was the caller or the callee (the index keeps both, so the check is one indexed
 * query), and controls only the recording of its own calls.
 */
public final class RecordingRoutes {
    static final String CALL_RECORDING = "/api/v1/calls/{id}/recording";
    static final String RECORDINGS = "/api/v1/recordings";
    static final String RECORDING = RECORDINGS + "/{id}";
    static final String AUDIO = RECORDING + "/audio";
    static final String LINK = RECORDING + "/link";

    /** A control verb: its path, the command it becomes, and the recording's state after it. */
    private enum Verb {
        START("start", "recording"),
        PAUSE("pause", "paused"),
        RESUME("resume", "recording"),
        STOP("stop", "stopped");

        final String path;
        final String status;

        Verb(String path, String status) {
            this.path = path;
            this.status = status;
        }

        CallCommand.OnCall command(String tenant, String callId, OptionalLong version) {
            return switch (this) {
                case START -> new CallCommand.StartRecording(tenant, callId, version);
                case PAUSE -> new CallCommand.PauseRecording(tenant, callId, version);
                case RESUME -> new CallCommand.ResumeRecording(tenant, callId, version);
                case STOP -> new CallCommand.StopRecording(tenant, callId, version);
            };
        }
    }

    private final BearerAuthentication authentication;
    private final TenantBoards boards;
    private final CallControl control;
    private final Recordings recordings;
    private final Path directory;
    private final Optional<RecordingLinks> links;
    private final InstantSource clock;

    /**
     * @param directory the recordings directory; the index's paths are relative to it
     */
    public RecordingRoutes(BearerAuthentication authentication, TenantBoards boards, CallControl control,
            Recordings recordings, Path directory) {
        this(authentication, boards, control, recordings, directory, Optional.empty(), InstantSource.system());
    }

    /**
     * With signed links: the audio route also answers a request that carries a valid link instead
     * of a bearer token, and {@code POST .../link} makes links.
     */
    public RecordingRoutes(BearerAuthentication authentication, TenantBoards boards, CallControl control,
            Recordings recordings, Path directory, Optional<RecordingLinks> links, InstantSource clock) {
        this.links = Objects.requireNonNull(links, "links");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.boards = Objects.requireNonNull(boards, "boards");
        this.control = Objects.requireNonNull(control, "control");
        this.recordings = Objects.requireNonNull(recordings, "recordings");
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    public void addTo(RoutesConfig routes) {
        for (Verb verb : Verb.values()) {
            routes.post(CALL_RECORDING + "/" + verb.path, ctx -> command(ctx, verb));
        }
        routes.get(CALL_RECORDING, this::callAudio);
        routes.get(RECORDINGS, this::list);
        routes.get(RECORDING, this::show);
        routes.get(AUDIO, this::audio);
        if (links.isPresent()) {
            routes.post(LINK, this::link);
        }
    }

    private void command(Context ctx, Verb verb) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        String callId = ctx.pathParam("id");
        CallCommand.OnCall command = verb.command(caller.tenantId(), callId, expectedVersion(ctx));
        Checked checked = boards.onTenant(caller.tenantId(), board -> {
            CallSnapshot call = visibleCall(caller, board, callId);
            return new Checked(board.check(command), call.recordingId());
        });
        checked.refusal().ifPresent(r -> {
            throw refused(r);
        });
        CommandResult result = switch (command) {
            case CallCommand.StartRecording c -> control.startRecording(c);
            case CallCommand.PauseRecording c -> control.pauseRecording(c);
            case CallCommand.ResumeRecording c -> control.resumeRecording(c);
            case CallCommand.StopRecording c -> control.stopRecording(c);
            default -> throw new IllegalStateException("not a recording command: " + command);
        };
        switch (result) {
            case CommandResult.Accepted accepted -> {
                Optional<String> recordingId = verb == Verb.STOP ? checked.recordingId()
                        : boards.onTenant(caller.tenantId(), board -> board.call(callId)
                                .flatMap(CallSnapshot::recordingId)).or(checked::recordingId);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("call_id", accepted.callId());
                recordingId.ifPresent(id -> body.put("recording_id", id));
                body.put("status", verb.status);
                Json.write(ctx, 202, body);
            }
            case CommandResult.Refused refused -> throw refused(refused.refusal());
        }
    }

    /** The switchboard's verdict on a command, and the call's recording before it. */
    private record Checked(Optional<Refusal> refusal, Optional<String> recordingId) {}

    private void list(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.RECORDINGS_READ);
        RecordingQuery query = query(ctx);
        Optional<String> narrowed = narrowedTo(caller);
        if (narrowed.isPresent()) {
            query = query.withExtension(narrowed.get());
        }
        RecordingPage page = recordings.list(caller.tenantId(), query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recordings", page.recordings().stream().map(RecordingView::of).toList());
        body.put("next_cursor", page.nextCursor().orElse(null));
        Json.write(ctx, 200, body);
    }

    private void show(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.RECORDINGS_READ);
        Json.write(ctx, 200, RecordingView.of(visibleRecording(caller, ctx.pathParam("id"))));
    }

    private void audio(Context ctx) {
        if (links.isPresent() && ctx.queryParam("signature") != null) {
            linkedAudio(ctx, links.get());
            return;
        }
        Principal caller = authentication.require(ctx, Permission.RECORDINGS_READ);
        Recording recording = visibleRecording(caller, ctx.pathParam("id"));
        AudioFormat format = AudioFormat.requested(ctx);
        RecordingFile file = format.of(recording).orElseThrow(() -> notAvailable(recording, format));
        send(ctx, recording, format, file);
    }

    /** The audio a signed link names, without a bearer token: exactly that recording and format, until it expires. */
    private void linkedAudio(Context ctx, RecordingLinks signer) {
        String id = ctx.pathParam("id");
        RecordingLinks.Check check = signer.check(id, Optional.ofNullable(ctx.queryParam("format")),
                Optional.ofNullable(ctx.queryParam("tenant")), Optional.ofNullable(ctx.queryParam("expires")),
                Optional.ofNullable(ctx.queryParam("signature")), clock.instant());
        switch (check) {
            case RecordingLinks.Check.Invalid invalid ->
                    throw new ApiException(403, "link_invalid", "this recording link is not valid: " + invalid.reason());
            case RecordingLinks.Check.Expired expired ->
                    throw new ApiException(403, "link_expired", "this recording link expired at " + expired.at());
            case RecordingLinks.Check.Valid valid -> {
                AudioFormat format = AudioFormat.requested(ctx);
                Recording recording = recordings.find(valid.tenant(), id)
                        .orElseThrow(() -> new ApiException(404, "recording_not_found", "no recording " + id));
                RecordingFile file = format.of(recording).orElseThrow(() -> notAvailable(recording, format));
                send(ctx, recording, format, file);
            }
        }
    }

    /** {@code POST .../link}: a signed link to the recording's audio for whoever holds it, without a token. */
    private void link(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.RECORDINGS_READ);
        Recording recording = visibleRecording(caller, ctx.pathParam("id"));
        RecordingLinks signer = links.orElseThrow();
        ObjectNode body = Json.readObject(ctx);
        AudioFormat format = body.has("format") ? Arrays.stream(AudioFormat.values())
                .filter(f -> f.wire().equals(body.get("format").asText())).findFirst()
                .orElseThrow(() -> new ApiException(400, "invalid_link", "format must be wav, mp3 or stereo"))
                : AudioFormat.WAV;
        Duration lifetime = signer.lifetime();
        if (body.has("expires_in_seconds")) {
            JsonNode seconds = body.get("expires_in_seconds");
            if (!seconds.isIntegralNumber() || seconds.asLong() < 1
                    || seconds.asLong() > RecordingLinks.MAX_LIFETIME.toSeconds()) {
                throw new ApiException(400, "invalid_link", "expires_in_seconds must be a whole number from 1 to "
                        + RecordingLinks.MAX_LIFETIME.toSeconds());
            }
            lifetime = Duration.ofSeconds(seconds.asLong());
        }
        format.of(recording).orElseThrow(() -> notAvailable(recording, format));
        Instant expires = clock.instant().plus(lifetime);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("url", signer.link(caller.tenantId(), recording.id(), format.wire(), expires).toString());
        answer.put("expires_at", Instant.ofEpochSecond(expires.getEpochSecond()).toString());
        Json.write(ctx, 200, answer);
    }

    /** The audio of the call's latest ready recording. */
    private void callAudio(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.RECORDINGS_READ);
        String callId = ctx.pathParam("id");
        AudioFormat format = AudioFormat.requested(ctx);
        List<Recording> ofCall = recordings.ofCall(caller.tenantId(), callId).stream()
                .filter(r -> mayAccess(caller, r)).toList();
        if (ofCall.isEmpty()) {
            throw new ApiException(404, "recording_not_found", "call " + callId + " has no recording");
        }
        Optional<Recording> ready = ofCall.stream().filter(r -> r.status() == RecordingStatus.READY)
                .max(Comparator.comparingInt(Recording::seq));
        if (ready.isEmpty()) {
            throw ofCall.stream().filter(r -> r.status() != RecordingStatus.FAILED).reduce((a, b) -> b)
                    .map(RecordingRoutes::notReady)
                    .orElseGet(() -> new ApiException(404, "audio_not_available",
                            "every recording of call " + callId + " failed"));
        }
        Recording latest = ready.get();
        RecordingFile file = format.of(latest).orElseThrow(() -> notAvailable(latest, format));
        send(ctx, latest, format, file);
    }

    private void send(Context ctx, Recording recording, AudioFormat format, RecordingFile file) {
        Path path = directory.resolve(file.path()).normalize();
        if (!path.startsWith(directory)) {
            throw new ApiException(500, "recording_damaged", "the index names a file outside the recordings directory");
        }
        new AudioFile(path, file.size(), file.sha256(), format.contentType(), format.downloadName(recording)).send(ctx);
    }

    private static ApiException notAvailable(Recording r, AudioFormat format) {
        if (r.status().live() || r.status() == RecordingStatus.PROCESSING) {
            return notReady(r);
        }
        String why = switch (format) {
            case WAV -> "the recording failed before its WAV was complete";
            case MP3 -> "no MP3 was made of this recording";
            case STEREO -> "this recording kept no party channels";
        };
        return new ApiException(404, "audio_not_available", why + " (" + r.id() + ")");
    }

    private static ApiException notReady(Recording r) {
        String state = r.status().live() ? "still being recorded" : "still being finished (the MP3 is being made)";
        return new ApiException(409, "recording_not_ready", "recording " + r.id() + " is " + state);
    }

    private Recording visibleRecording(Principal caller, String id) {
        return recordings.find(caller.tenantId(), id).filter(r -> mayAccess(caller, r))
                .orElseThrow(() -> new ApiException(404, "recording_not_found", "no recording " + id));
    }

    private static boolean mayAccess(Principal caller, Recording r) {
        return narrowedTo(caller).map(r::involves).orElse(true);
    }

    private static RecordingQuery query(Context ctx) {
        RecordingQuery query = RecordingQuery.all();
        String callId = ctx.queryParam("call_id");
        if (callId != null && !callId.isBlank()) {
            query = query.withCallId(callId.strip());
        }
        String from = ctx.queryParam("from");
        if (from != null) {
            query = query.withStartedFrom(instant("from", from));
        }
        String to = ctx.queryParam("to");
        if (to != null) {
            query = query.withStartedUntil(instant("to", to));
        }
        String limit = ctx.queryParam("limit");
        try {
            if (limit != null) {
                query = query.withLimit(Integer.parseInt(limit.strip()));
            }
            String cursor = ctx.queryParam("cursor");
            if (cursor != null && !cursor.isBlank()) {
                query = query.withAfter(cursor.strip());
            }
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_query", limit != null && e instanceof NumberFormatException
                    ? "limit must be a whole number from 1 to " + RecordingQuery.MAX_LIMIT
                    : e.getMessage());
        }
        return query;
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_query", name + " must be an instant such as 2026-05-01T00:00:00Z");
        }
    }
}
