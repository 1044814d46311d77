package io.ramal.api;

import java.util.Objects;

/** The body of every API error: {@code {"code":"token_expired","message":"..."}}. */
public record ApiError(String code, String message) {
    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
