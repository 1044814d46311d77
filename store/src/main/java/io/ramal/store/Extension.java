package io.ramal.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A phone line of a tenant, reached by its number; the number is also its SIP auth user name.
 *
 * @param realm the digest realm the HA1 values were computed for
 * @param recordingPolicy whether its calls are recorded unasked; empty: as its tenant says
 */
public record Extension(String tenantId, String number, String displayName, String realm, DigestHa1 ha1,
        Optional<RecordingPolicy> recordingPolicy) {

    public Extension {
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(number, "number");
        Objects.requireNonNull(displayName, "displayName");
        Text.requireNonBlank(realm, "realm");
        Objects.requireNonNull(ha1, "ha1");
        Objects.requireNonNull(recordingPolicy, "recordingPolicy");
    }

    /** An extension that follows its tenant's recording policy. */
    public Extension(String tenantId, String number, String displayName, String realm, DigestHa1 ha1) {
        this(tenantId, number, displayName, realm, ha1, Optional.empty());
    }

    public Extension withRecordingPolicy(Optional<RecordingPolicy> policy) {
        return new Extension(tenantId, number, displayName, realm, ha1, policy);
    }

    /** An extension whose HA1 values are computed from {@code number:realm:password}. */
    public static Extension withPassword(
            String tenantId, String number, String displayName, String realm, String password) {
        return new Extension(tenantId, number, displayName, realm, DigestHa1.of(number, realm, password));
    }
}
