package io.ramal.cti.control;

import io.ramal.cti.Identifiers;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request to change a call, as an integrator or a compat adapter gives it. Strings are taken as
 * given (the check refuses malformed ones with {@code invalid_argument}); null, and a blank tenant,
 * are refused at once with an exception: they are programming errors, not user input.
 *
 * <p>Commands on an existing call name the acting device (the party whose user asks) and may
 * carry the call {@code version} they were decided on: a different current version refuses them
 * with {@code version_mismatch}.
 */
public sealed interface CallCommand {
    String tenant();

    /** A command on an existing call. */
    sealed interface OnCall extends CallCommand {
        String callId();

        /** The call version the client saw; empty to skip the check. */
        OptionalLong expectedVersion();
    }

    /**
     * Click-to-call: ring {@code device} first (with an auto-answer hint where it honours one),
     * then call {@code destination} (an extension or an external number).
     */
    record Originate(String tenant, String device, String destination) implements CallCommand {
        public Originate {
            nonNull(tenant, device, destination);
        }
    }

    /** Answer the call ringing at {@code device}. */
    record Answer(String tenant, String callId, String device, OptionalLong expectedVersion) implements OnCall {
        public Answer {
            nonNull(tenant, callId, device);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /** Hang up: the party on {@code device} only, or the whole call when {@code device} is empty. */
    record Hangup(String tenant, String callId, Optional<String> device, OptionalLong expectedVersion)
            implements OnCall {
        public Hangup {
            nonNull(tenant, callId);
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /** Put the call on hold from {@code device} (the other side hears music). */
    record Hold(String tenant, String callId, String device, OptionalLong expectedVersion) implements OnCall {
        public Hold {
            nonNull(tenant, callId, device);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /** Take the call held by {@code device} off hold. */
    record Retrieve(String tenant, String callId, String device, OptionalLong expectedVersion) implements OnCall {
        public Retrieve {
            nonNull(tenant, callId, device);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /** Blind transfer: send the other party of {@code device} to {@code destination}; the device leaves. */
    record BlindTransfer(String tenant, String callId, String device, String destination, OptionalLong expectedVersion)
            implements OnCall {
        public BlindTransfer {
            nonNull(tenant, callId, device, destination);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /** Consult: hold this call at {@code device} and place a consultation call to {@code destination}. */
    record Consult(String tenant, String callId, String device, String destination, OptionalLong expectedVersion)
            implements OnCall {
        public Consult {
            nonNull(tenant, callId, device, destination);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /**
     * Complete an attended transfer: join the other party of the held call {@code callId} with the
     * other party of {@code consultCallId}; {@code device} leaves both.
     */
    record CompleteTransfer(
            String tenant, String callId, String consultCallId, String device, OptionalLong expectedVersion)
            implements OnCall {
        public CompleteTransfer {
            nonNull(tenant, callId, consultCallId, device);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /** Cancel an attended transfer: end {@code consultCallId} and retrieve the held call {@code callId}. */
    record CancelTransfer(
            String tenant, String callId, String consultCallId, String device, OptionalLong expectedVersion)
            implements OnCall {
        public CancelTransfer {
            nonNull(tenant, callId, consultCallId, device);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /** Add a participant: call {@code destination} into this call on behalf of {@code device}. */
    record ConferenceAdd(String tenant, String callId, String device, String destination, OptionalLong expectedVersion)
            implements OnCall {
        public ConferenceAdd {
            nonNull(tenant, callId, device, destination);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /**
     * Start the conference: mix every party of this call; with {@code mergeCallId}, first join the
     * parties of that other call of {@code device}.
     */
    record ConferenceStart(
            String tenant, String callId, String device, Optional<String> mergeCallId, OptionalLong expectedVersion)
            implements OnCall {
        public ConferenceStart {
            nonNull(tenant, callId, device);
            Objects.requireNonNull(mergeCallId, "mergeCallId");
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /**
     * Send DTMF digits ({@code 0-9 * # A-D}) into the call from {@code device}, as if its user
     * pressed the keys: the other parties hear them. Each key sounds for {@code duration}, with
     * {@code gap} of quiet after it (the check refuses values outside the MIN/MAX bounds).
     */
    record SendDtmf(String tenant, String callId, String device, String digits, Duration duration, Duration gap,
            OptionalLong expectedVersion) implements OnCall {
        public static final Duration DEFAULT_DURATION = Duration.ofMillis(100);
        public static final Duration DEFAULT_GAP = Duration.ofMillis(100);
        public static final Duration MIN_DURATION = Duration.ofMillis(40);
        public static final Duration MAX_DURATION = Duration.ofMillis(2000);
        public static final Duration MIN_GAP = Duration.ofMillis(40);
        public static final Duration MAX_GAP = Duration.ofMillis(2000);

        public SendDtmf {
            nonNull(tenant, callId, device, digits);
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(gap, "gap");
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }

        /** Keys of the default length and gap (100 ms each). */
        public SendDtmf(String tenant, String callId, String device, String digits, OptionalLong expectedVersion) {
            this(tenant, callId, device, digits, DEFAULT_DURATION, DEFAULT_GAP, expectedVersion);
        }
    }

    /** Mute the party on {@code device} server-side: the others stop hearing it. */
    record Mute(String tenant, String callId, String device, OptionalLong expectedVersion) implements OnCall {
        public Mute {
            nonNull(tenant, callId, device);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /** Undo {@link Mute}. */
    record Unmute(String tenant, String callId, String device, OptionalLong expectedVersion) implements OnCall {
        public Unmute {
            nonNull(tenant, callId, device);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /** Start recording the call. */
    record StartRecording(String tenant, String callId, OptionalLong expectedVersion) implements OnCall {
        public StartRecording {
            nonNull(tenant, callId);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /** Stop the call's recording; the file is complete. */
    record StopRecording(String tenant, String callId, OptionalLong expectedVersion) implements OnCall {
        public StopRecording {
            nonNull(tenant, callId);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /** Pause the call's recording. */
    record PauseRecording(String tenant, String callId, OptionalLong expectedVersion) implements OnCall {
        public PauseRecording {
            nonNull(tenant, callId);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    /** Resume the call's paused recording. */
    record ResumeRecording(String tenant, String callId, OptionalLong expectedVersion) implements OnCall {
        public ResumeRecording {
            nonNull(tenant, callId);
            Objects.requireNonNull(expectedVersion, "expectedVersion");
        }
    }

    private static void nonNull(String... values) {
        for (String value : values) {
            Objects.requireNonNull(value, "command argument");
        }
        Identifiers.nonBlank(values[0], "tenant");
    }
}
