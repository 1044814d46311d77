package io.ramal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** An isolated customer of the PBX: its extensions, trunks, numbers and call records are its own. */
public record Tenant(String id, String name, Instant createdAt) {

    public Tenant {
        Text.requireNonBlank(id, "id");
        Text.requireNonBlank(name, "name");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
    }
}
