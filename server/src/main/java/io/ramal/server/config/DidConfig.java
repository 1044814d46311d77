package io.ramal.server.config;

import io.ramal.store.DidTarget;
import java.util.Objects;
import java.util.regex.Pattern;

/** An inbound number (DID) that rings an extension of the same tenant or waits in one of its queues. */
public record DidConfig(String number, DidTarget target) {
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,20}");

    public DidConfig {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(target, "target");
        if (!NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("DID number must be digits with an optional leading +, got '" + number + "'");
        }
    }

    /** A DID that rings {@code extension}. */
    public DidConfig(String number, String extension) {
        this(number, new DidTarget.Extension(extension));
    }

    /** How the target reads in a message: {@code extension 1001} or {@code queue sales}. */
    public String describeTarget() {
        return (target instanceof DidTarget.Queue ? "queue " : "extension ") + target.name();
    }
}
