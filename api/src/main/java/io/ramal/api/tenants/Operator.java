package io.ramal.api.tenants;

import java.util.Objects;

/** A server operator, outside every tenant: may list, create and disable tenants, and nothing inside them. */
public record Operator(String name) {

    public Operator {
        Objects.requireNonNull(name, "name");
    }
}
