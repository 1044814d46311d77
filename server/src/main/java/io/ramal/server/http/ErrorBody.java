package io.ramal.server.http;

import java.util.Objects;

/**
 * The body of every HTTP error: {@code {"code":"not_found","message":"..."}}. {@code code} is
 * stable and machine-readable; {@code message} is for people. Never carries a stack trace.
 */
public record ErrorBody(String code, String message) {
    public ErrorBody {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The stable code for an HTTP status without a more specific one. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            case 500 -> "internal_error";
            case 503 -> "unavailable";
            default -> "http_" + status;
        };
    }
}
