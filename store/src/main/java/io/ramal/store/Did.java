package io.ramal.store;

/** A public number (direct inward dialling) of a tenant and the extension that answers it. */
public record Did(String tenantId, String number, String targetExtension) {

    public Did {
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(number, "number");
        Text.requireNonBlank(targetExtension, "targetExtension");
    }
}
