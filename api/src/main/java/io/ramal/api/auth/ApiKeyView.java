package io.ramal.api.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ramal.store.ApiKey;
import java.time.Instant;
import java.util.List;

/**
 * An API key as the API shows it. {@code key} (the full secret text) is present only in the answer
 * to its creation. Times are RFC 3339; absent ones are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(
        String id,
        String key,
        String prefix,
        String name,
        List<String> scopes,
        @JsonProperty("user_id") String userId,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("last_used_at") String lastUsedAt,
        @JsonProperty("revoked_at") String revokedAt) {

    public static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id(), null, ApiKeyCredential.PREFIX + key.id(), key.name(),
                key.scopes().stream().sorted().toList(), key.userId(), key.createdAt().toString(),
                text(key.expiresAt().orElse(null)), text(key.lastUsedAt().orElse(null)),
                text(key.revokedAt().orElse(null)));
    }

    /** The view of a key just created, with its full text. */
    public static ApiKeyView created(ApiKey key, ApiKeyCredential credential) {
        ApiKeyView view = of(key);
        return new ApiKeyView(view.id, credential.text(), view.prefix, view.name, view.scopes, view.userId,
                view.createdAt, view.expiresAt, view.lastUsedAt, view.revokedAt);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @Override
    public String toString() {
        return "ApiKeyView[id=" + id + ", name=" + name + ", scopes=" + scopes + "]";
    }
}
