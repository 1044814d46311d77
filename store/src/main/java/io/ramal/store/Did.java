package io.ramal.store;

import java.util.Objects;

/** A public number (direct inward dialling) of a tenant and where its calls go. */
public record Did(String tenantId, String number, DidTarget target) {

    public Did {
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(number, "number");
        Objects.requireNonNull(target, "target");
    }

    /** A DID that rings {@code extension}. */
    public static Did toExtension(String tenantId, String number, String extension) {
        return new Did(tenantId, number, new DidTarget.Extension(extension));
    }
}
