package io.ramal.cti.agent;

import java.util.Locale;
import java.util.Optional;

/** How the agent named its device at login (the EPBX logon types). */
public enum LogonKind {
    /** The extension number itself ("ramal virtual"). */
    EXTENSION,
    /** A position id ("IdPa") that the tenant maps to an extension. */
    POSITION,
    /** The IP address a registered phone's REGISTER came from. */
    IP;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LogonKind> fromWire(String text) {
        for (LogonKind value : values()) {
            if (value.wire().equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
