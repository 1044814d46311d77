package io.ramal.api.webhooks;

import java.security.SecureRandom;
import java.util.Base64;

/** New signing secrets: {@code whsec_} and 32 random bytes in base64url (256 bits). */
final class WebhookSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {}

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
