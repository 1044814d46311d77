package io.ramal.sip.sdp;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code <type>=<value>} line of a session description, kept as written. Attributes are lines
 * of type {@code a}: {@code a=<name>} or {@code a=<name>:<value>}.
 */
public record SdpLine(char type, String value) {

    public SdpLine {
        if (type < 'a' || type > 'z') {
            throw new IllegalArgumentException("SDP line type must be a lowercase letter: " + type);
        }
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("SDP line value holds a line break");
        }
    }

    /** An attribute line {@code a=name} (flag attribute). */
    public static SdpLine attribute(String name) {
        return new SdpLine('a', name);
    }

    /** An attribute line {@code a=name:value}. */
    public static SdpLine attribute(String name, String value) {
        return new SdpLine('a', name + ":" + value);
    }

    /** Whether this is the attribute {@code name} (names compared ignoring ASCII case). */
    public boolean isAttribute(String name) {
        if (type != 'a' || !value.regionMatches(true, 0, name, 0, name.length())) {
            return false;
        }
        return value.length() == name.length() || value.charAt(name.length()) == ':';
    }

    /** The attribute name (text before the first colon); the whole value for other lines. */
    public String attributeName() {
        int colon = value.indexOf(':');
        return (colon < 0 ? value : value.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /** The attribute value (text after the first colon), empty for a flag attribute. */
    public String attributeValue() {
        int colon = value.indexOf(':');
        return colon < 0 ? "" : value.substring(colon + 1);
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }
}
