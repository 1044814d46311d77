package io.ramal.api;

import java.util.Objects;

/**
 * A failed API request as a value a handler throws: the HTTP status, a stable machine-readable
 * {@code code} (snake_case, documented in the OpenAPI document) and a message for people. The
 * HTTP layer answers it as {@link ApiError}; it never carries a stack trace to the client.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ApiError body() {
        return new ApiError(code, getMessage());
    }
}
