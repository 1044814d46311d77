package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LockoutTest {

    private AuthServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ApiClient.Response login(String username, String password) {
        return server.client.token("grant_type", "password", "username", username, "tenant", "demo",
                "password", password);
    }

    @Test
    void fiveFailuresLockTheNameFor15MinutesWith429AndRetryAfter() {
        server = new AuthServer();
        for (int i = 0; i < 4; i++) {
            assertThat(login("alice", "wrong-" + i).status()).isEqualTo(400);
        }

        ApiClient.Response fifth = login("alice", "wrong-5");
        ApiClient.Response rightButLocked = login("alice", "demo-alice");

        assertThat(fifth.status()).isEqualTo(429);
        assertThat(rightButLocked.status()).isEqualTo(429);
        assertThat(rightButLocked.text("code")).isEqualTo("account_locked");
        assertThat(rightButLocked.header("Retry-After")).contains("900");
        assertThat(login("bob", "demo-bob").status()).isEqualTo(200); // other names are not affected

        server.clock.advance(Duration.ofMinutes(10));
        assertThat(login("alice", "demo-alice").header("Retry-After")).contains("300");
        server.clock.advance(Duration.ofMinutes(5));
        assertThat(login("alice", "demo-alice").status()).isEqualTo(200);
    }

    @Test
    void unknownNamesLockLikeKnownOnes() {
        server = new AuthServer();
        for (int i = 0; i < 5; i++) {
            login("nobody", "guess-" + i);
        }

        ApiClient.Response locked = login("nobody", "guess-6");

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.text("code")).isEqualTo("account_locked");
    }

    @Test
    void failuresOutsideTheWindowAndBeforeASuccessDoNotCount() {
        server = new AuthServer();
        for (int i = 0; i < 4; i++) {
            login("bob", "wrong");
        }
        server.clock.advance(Duration.ofMinutes(16));
        for (int i = 0; i < 4; i++) {
            assertThat(login("bob", "wrong").status()).isEqualTo(400);
        }
        assertThat(login("bob", "demo-bob").status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(login("bob", "wrong").status()).isEqualTo(400);
        }
        assertThat(login("bob", "demo-bob").status()).isEqualTo(200);
    }

    @Test
    void theLockoutPolicyIsConfigurable() {
        server = new AuthServer(AuthServer.CONFIG.withLockout(
                new LockoutPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(2))));
        login("carol", "wrong");

        ApiClient.Response second = login("carol", "wrong");

        assertThat(second.status()).isEqualTo(429);
        assertThat(second.header("Retry-After")).contains("120");
    }

    @Test
    void oneAddressGetsOnlyItsShareOfCredentialChecks() {
        server = new AuthServer(AuthServer.CONFIG.withSourceRate(new RatePolicy(3, Duration.ofSeconds(10))));
        for (String name : new String[] {"u1", "u2", "u3"}) {
            assertThat(login(name, "spray").status()).isEqualTo(400);
        }

        ApiClient.Response fourth = login("u4", "spray");

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.text("code")).isEqualTo("too_many_requests");
        assertThat(fourth.header("Retry-After")).contains("10");
        server.clock.advance(Duration.ofSeconds(10));
        assertThat(login("alice", "demo-alice").status()).isEqualTo(200);
    }

    @Test
    void codeChecksOfMfaEnrolmentAreThrottledToo() {
        server = new AuthServer(AuthServer.CONFIG.withSourceRate(new RatePolicy(2, Duration.ofSeconds(30))));
        String token = server.accessToken("alice", "demo", "demo-alice"); // takes one check
        server.client.post(AuthRoutes.TOTP, token, Map.of());
        server.client.post(AuthRoutes.TOTP_CONFIRM, token, Map.of("code", "000000"));

        ApiClient.Response throttled = server.client.post(AuthRoutes.TOTP_CONFIRM, token,
                Map.of("code", "000001"));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.text("code")).isEqualTo("too_many_requests");
        assertThat(throttled.header("Retry-After")).contains("30");
    }
}
