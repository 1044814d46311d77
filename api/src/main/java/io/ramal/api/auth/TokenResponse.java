package io.ramal.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A successful token grant (RFC 6749 §5.1): {@code {"access_token", "token_type": "Bearer",
 * "expires_in" (seconds), "refresh_token"}}. {@link #toString()} hides both tokens.
 */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken) {

    public TokenResponse {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    static TokenResponse bearer(String accessToken, long expiresIn, String refreshToken) {
        return new TokenResponse(accessToken, "Bearer", expiresIn, refreshToken);
    }

    @Override
    public String toString() {
        return "TokenResponse[access_token=***, token_type=" + tokenType + ", expires_in=" + expiresIn
                + ", refresh_token=***]";
    }
}
