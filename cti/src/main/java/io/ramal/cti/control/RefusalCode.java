package io.ramal.cti.control;

import java.util.Locale;

/** Why a command was refused, as a machine-readable code for API errors. */
public enum RefusalCode {
    /** No such call, party or device in this tenant (HTTP 404). */
    NOT_FOUND,
    /** The command's {@code version} is not the call's current version (HTTP 409 / 412). */
    VERSION_MISMATCH,
    /** The call or party is not in a state that allows this now (HTTP 409). */
    INVALID_STATE,
    /** The device cannot do this at all, e.g. answer remotely, or the party is external (HTTP 409). */
    NOT_SUPPORTED_BY_DEVICE,
    /** The device has no registered contact to act through (HTTP 409). */
    DEVICE_UNAVAILABLE,
    /** An argument is malformed: a destination or DTMF string (HTTP 400). */
    INVALID_ARGUMENT,
    /** The PBX could not carry the command out (HTTP 502/503). */
    FAILED;

    /** The JSON spelling: the lower-case name, e.g. {@code not_supported_by_device}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
