package io.ramal.cti.queue;

import io.ramal.cti.Identifiers;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a caller goes when its queue will not keep it (waited too long, or the queue is full): an
 * extension, another queue, or a number dialled as the tenant's extensions dial it. Written
 * {@code kind:value}, e.g. {@code extension:1001}, {@code queue:support}, {@code number:+551130001000}.
 */
public record OverflowTarget(Kind kind, String value) {

    public enum Kind {
        EXTENSION,
        QUEUE,
        NUMBER;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OverflowTarget {
        Objects.requireNonNull(kind, "kind");
        Identifiers.nonBlank(value, "value");
        if (value.chars().anyMatch(c -> c <= ' ' || c == ':')) {
            throw new IllegalArgumentException("an overflow target's value has no spaces or ':': " + value);
        }
    }

    /** Parses {@code kind:value}. */
    public static OverflowTarget parse(CharSequence text) {
        String s = text.toString();
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("an overflow target is extension:N, queue:NAME or number:N, got " + s);
        }
        String kind = s.substring(0, colon);
        for (Kind k : Kind.values()) {
            if (k.wire().equals(kind)) {
                return new OverflowTarget(k, s.substring(colon + 1));
            }
        }
        throw new IllegalArgumentException("an overflow target is extension:N, queue:NAME or number:N, got " + s);
    }

    @Override
    public String toString() {
        return kind.wire() + ":" + value;
    }
}
