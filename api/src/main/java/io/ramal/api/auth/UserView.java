package io.ramal.api.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ramal.store.User;
import java.util.List;

/** A user as the API shows it: never its password hash or TOTP secret. Times are RFC 3339. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserView(
        String id,
        String tenant,
        String username,
        List<String> roles,
        String extension,
        @JsonProperty("mfa_enabled") boolean mfaEnabled,
        boolean disabled,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt) {

    public static UserView of(User user) {
        return new UserView(user.id(), user.tenantId(), user.username(), user.roles().stream().sorted().toList(),
                user.extension().orElse(null), user.totpEnabled(), user.disabled(), user.createdAt().toString(),
                user.updatedAt().toString());
    }
}
