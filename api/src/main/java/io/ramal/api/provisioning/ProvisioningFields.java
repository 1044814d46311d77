package io.ramal.api.provisioning;

import io.ramal.api.ApiException;
import io.ramal.api.http.JsonFields;
import java.util.regex.Pattern;

/** The rules for what an admin may name and set: dialable numbers, names, SIP passwords. */
final class ProvisioningFields {

    /** Digits, optionally with a leading {@code +} (E.164) — what a phone can dial. */
    static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,32}");
    static final Pattern TRUNK_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final int MAX_NAME = 64;
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 128;

    private ProvisioningFields() {}

    static String number(String field, String value) {
        if (!NUMBER.matcher(value).matches()) {
            throw JsonFields.invalid(field + " must be 1 to 32 digits, optionally after a +");
        }
        return value;
    }

    static String displayName(String value) {
        if (value.length() > MAX_NAME || value.chars().anyMatch(Character::isISOControl)) {
            throw JsonFields.invalid("name must be at most " + MAX_NAME + " characters without control characters");
        }
        return value.strip();
    }

    /**
     * A SIP password: phones store it and digest is only as strong as it, so it must be long enough
     * and not the number itself (the first thing a scanner tries).
     */
    static String sipPassword(String number, String value) {
        if (value.length() < MIN_PASSWORD || value.length() > MAX_PASSWORD) {
            throw new ApiException(400, "weak_password",
                    "a SIP password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        if (value.contains(number)) {
            throw new ApiException(400, "weak_password", "a SIP password must not contain the extension number");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw JsonFields.invalid("password must not contain control characters");
        }
        return value;
    }
}
