package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    private final TokenSecret secret = TokenSecret.generate(AuthServer.RANDOM);
    private final AccessTokens tokens = new AccessTokens(secret, "ramal", Duration.ofMinutes(10));

    private AccessTokens.Issued issue() {
        return tokens.issue("demo", "u-1", "alice", Set.of(Role.AGENT), Optional.of("1001"), "web", NOW);
    }

    @Test
    void acceptsItsOwnTokenUntilItExpires() {
        AccessTokens.Issued issued = issue();

        AccessTokens.Check check = tokens.check(issued.token(), NOW.plus(Duration.ofMinutes(9)));

        assertThat(check).isInstanceOfSatisfying(AccessTokens.Check.Valid.class, valid -> {
            AccessClaims claims = valid.claims();
            assertThat(claims.tenantId()).isEqualTo("demo");
            assertThat(claims.userId()).isEqualTo("u-1");
            assertThat(claims.username()).isEqualTo("alice");
            assertThat(claims.roles()).containsExactly(Role.AGENT);
            assertThat(claims.extension()).contains("1001");
            assertThat(claims.clientId()).isEqualTo("web");
            assertThat(claims.tokenId()).isEqualTo(issued.claims().tokenId()).isNotBlank();
            assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        });
    }

    @Test
    void eachTokenHasItsOwnId() {
        assertThat(issue().claims().tokenId()).isNotEqualTo(issue().claims().tokenId());
    }

    @Test
    void reportsExpiryAtTheExpiryInstant() {
        AccessTokens.Issued issued = issue();

        assertThat(tokens.check(issued.token(), NOW.plus(Duration.ofMinutes(10))))
                .isInstanceOf(AccessTokens.Check.Expired.class);
    }

    @Test
    void refusesATokenSignedWithAnotherSecret() {
        AccessTokens other = new AccessTokens(TokenSecret.generate(AuthServer.RANDOM), "ramal", Duration.ofMinutes(10));
        String foreign = other.issue("demo", "u-1", "alice", Set.of(Role.ADMIN), Optional.empty(), "web", NOW).token();

        assertThat(tokens.check(foreign, NOW)).isInstanceOf(AccessTokens.Check.Invalid.class);
    }

    @Test
    void refusesATokenWhosePayloadWasAltered() {
        String[] parts = issue().token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"agent\"", "\"admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(tokens.check(forged, NOW)).isInstanceOf(AccessTokens.Check.Invalid.class);
    }

    @Test
    void refusesAnUnsignedToken() {
        String[] parts = issue().token().split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.check(header + "." + parts[1] + ".", NOW)).isInstanceOf(AccessTokens.Check.Invalid.class);
    }

    @Test
    void refusesATokenOfAnotherIssuer() {
        AccessTokens otherIssuer = new AccessTokens(secret, "someone-else", Duration.ofMinutes(10));
        String token = otherIssuer.issue("demo", "u-1", "alice", Set.of(), Optional.empty(), "web", NOW).token();

        assertThat(tokens.check(token, NOW)).isInstanceOf(AccessTokens.Check.Invalid.class);
    }

    @Test
    void refusesGarbage() {
        assertThat(tokens.check("not-a-token", NOW)).isInstanceOf(AccessTokens.Check.Invalid.class);
        assertThat(tokens.check("a.b.c", NOW)).isInstanceOf(AccessTokens.Check.Invalid.class);
    }

    @Test
    void neverPrintsTheToken() {
        AccessTokens.Issued issued = issue();
        assertThat(issued.toString()).doesNotContain(issued.token());
    }
}
