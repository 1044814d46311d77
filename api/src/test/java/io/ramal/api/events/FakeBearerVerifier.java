package io.ramal.api.events;

import io.ramal.api.auth.BearerVerifier;
import io.ramal.api.auth.Principal;
import io.ramal.api.auth.Role;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Accepts the tokens a test granted (each with its own expiry rule); refuses every other one. */
final class FakeBearerVerifier implements BearerVerifier {

    private final Map<String, Function<Instant, Verification>> tokens = new ConcurrentHashMap<>();

    @Override
    public Verification verify(String credential, Instant now) {
        Function<Instant, Verification> rule = tokens.get(credential);
        return rule == null ? new Verification.Rejected("invalid_token", "unknown token") : rule.apply(now);
    }

    /** A fresh token for {@code principal}, valid until {@code expiresAt}. */
    String grant(Principal principal, Instant expiresAt) {
        String token = "token-" + UUID.randomUUID();
        tokens.put(token, now -> now.isBefore(expiresAt)
                ? new Verification.Valid(principal, expiresAt)
                : new Verification.Rejected("token_expired", "the token expired"));
        return token;
    }

    /** A fresh token for {@code principal} that is valid for {@code millis} from each verification. */
    String grantFor(Principal principal, long millis) {
        String token = "token-" + UUID.randomUUID();
        tokens.put(token, now -> new Verification.Valid(principal, now.plusMillis(millis)));
        return token;
    }

    /** A fresh token that never expires (an API key). */
    String grantForever(Principal principal) {
        return grant(principal, Instant.MAX);
    }

    static Principal agent(String tenant) {
        String user = "u-" + UUID.randomUUID();
        return new Principal(tenant, user, "agent-" + user, Set.of(Role.AGENT), Set.of(), Optional.of("1001"),
                Principal.Kind.ACCESS_TOKEN);
    }

    static Principal apiKey(String tenant, String... scopes) {
        String user = "u-" + UUID.randomUUID();
        return new Principal(tenant, user, "integration-" + user, Set.of(Role.INTEGRATION), Set.of(scopes),
                Optional.empty(), Principal.Kind.API_KEY);
    }
}
