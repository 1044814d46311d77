package io.ramal.cti;

import java.util.Locale;

/**
 * Why an endpoint left a call (or never joined it). The PBX reports the telephony causes; the
 * core adds {@link #DIVERTED}, {@link #TRANSFERRED} and {@link #CONFERENCED} when a party leaves
 * because the call moved elsewhere.
 */
public enum ReleaseCause {
    /** Hung up after talking, or the call ended normally. */
    NORMAL,
    /** The endpoint was busy. */
    BUSY,
    /** Rang until the no-answer timer. */
    NO_ANSWER,
    /** The endpoint declined the call. */
    REJECTED,
    /** The caller gave up before an answer, or the attempt was withdrawn. */
    CANCELLED,
    /** Another endpoint answered first (forked or group ringing). */
    ANSWERED_ELSEWHERE,
    /** The endpoint could not be reached (unknown number, not registered, no route). */
    UNREACHABLE,
    /** Any other failure of the attempt or the call. */
    FAILED,
    /** The media stopped flowing (RTP timeout). */
    DEAD_MEDIA,
    /** The call was forwarded, deflected or picked up away from the endpoint. */
    DIVERTED,
    /** The endpoint left by transferring the call, or was moved into another call. */
    TRANSFERRED,
    /** The endpoint was moved into a conference call. */
    CONFERENCED;

    /** The JSON spelling: the lower-case name, e.g. {@code no_answer}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for causes that mean the attempt failed, as opposed to a party choosing to leave. */
    public boolean isFailure() {
        return switch (this) {
            case BUSY, NO_ANSWER, REJECTED, UNREACHABLE, FAILED, DEAD_MEDIA -> true;
            case NORMAL, CANCELLED, ANSWERED_ELSEWHERE, DIVERTED, TRANSFERRED, CONFERENCED -> false;
        };
    }
}
