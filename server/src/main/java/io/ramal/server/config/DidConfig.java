package io.ramal.server.config;

import io.ramal.store.DidTarget;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An inbound number (DID) that rings an extension of the same tenant, waits in one of its queues, or is
 * answered by one of its voice menus.
 */
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

    /** How the target reads in a message: {@code extension 1001}, {@code queue sales} or {@code ivr main}. */
    public String describeTarget() {
        return switch (target) {
            case DidTarget.Extension e -> "extension ";
            case DidTarget.Queue q -> "queue ";
            case DidTarget.Ivr i -> "ivr ";
        } + target.name();
    }
}
