package io.ramal.store;

import java.util.Locale;

/**
 * A host name or address that SIP requests use to reach a tenant (e.g. {@code pbx.example.com},
 * {@code 127.0.0.1}). Stored in lower case, since host names compare without case.
 */
public record SipDomain(String domain, String tenantId) {

    public SipDomain {
        domain = normalize(domain);
        Text.requireNonBlank(tenantId, "tenantId");
    }

    static String normalize(String domain) {
        return Text.requireNonBlank(domain, "domain").strip().toLowerCase(Locale.ROOT);
    }
}
