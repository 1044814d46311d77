package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Runs every credential through the API and checks that none shows up in a log event or an error body. */
class SecretsStayOutOfLogsTest {

    private final ListAppender<ILoggingEvent> recorded = new ListAppender<>();
    private final List<String> secrets = new ArrayList<>();
    private final List<ApiClient.Response> answers = new ArrayList<>();
    private AuthServer server;

    @BeforeEach
    void record() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        recorded.start();
        root.addAppender(recorded);
        server = new AuthServer(AuthServer.CONFIG.withLockout(
                new LockoutPolicy(3, Duration.ofMinutes(15), Duration.ofMinutes(15))));
    }

    @AfterEach
    void stop() {
        server.close();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .detachAppender(recorded);
    }

    private ApiClient.Response keep(ApiClient.Response response) {
        answers.add(response);
        return response;
    }

    private String secret(String value) {
        secrets.add(value);
        return value;
    }

    @Test
    void noPasswordTokenKeyNonceOrCodeIsEverLoggedOrEchoed() throws Exception {
        ApiClient client = server.client;
        String tenant = server.tenantWithAdmin();
        secrets.add("admin-password");
        String adminPassword = "admin-password";

        // wrong passwords, including one typed into the username field, up to a lockout
        keep(client.token("grant_type", "password", "username", "admin", "tenant", tenant,
                "password", secret("Wrong-Pass-1")));
        keep(client.token("grant_type", "password", "username", secret("Typed-My-Password-Here"), "tenant", tenant,
                "password", secret("Wrong-Pass-2")));
        for (int i = 0; i < 3; i++) {
            keep(client.token("grant_type", "password", "username", "ghost", "tenant", tenant,
                    "password", secret("Ghost-Pass-" + i)));
        }

        ApiClient.Response login = keep(server.login("admin", tenant, adminPassword));
        String access = secret(login.text("access_token"));
        String refresh = secret(login.text("refresh_token"));
        String rotated = secret(keep(client.token("grant_type", "refresh_token", "refresh_token", refresh))
                .text("refresh_token"));
        keep(client.token("grant_type", "refresh_token", "refresh_token", refresh)); // reuse: family revoked
        keep(client.post(AuthRoutes.REVOKE, null, Map.of("token", rotated)));
        keep(client.get(UserRoutes.ME, secret(access.substring(0, access.length() - 3) + "abc")));

        // users with secrets of their own
        keep(client.post(UserRoutes.USERS, access, Map.of("username", "nina", "password", secret("nina-Secret-1"),
                "roles", List.of("agent"))));
        keep(client.post(UserRoutes.USERS, access, Map.of("username", "omar", "password", secret("short"),
                "roles", List.of("agent"))));

        // API keys
        ApiClient.Response key = keep(client.post(ApiKeyRoutes.KEYS, access, Map.of("scopes", List.of("events:read"))));
        String keyText = secret(key.text("key"));
        secret(keyText.substring(keyText.lastIndexOf('_') + 1));
        keep(client.get(UserRoutes.USERS, keyText));
        keep(client.get(UserRoutes.ME, secret(keyText.substring(0, keyText.length() - 4) + "abcd")));
        keep(client.delete(ApiKeyRoutes.KEYS + "/" + key.text("id"), access));
        keep(client.get(UserRoutes.ME, keyText));

        // second factor: enrol, log in with a code and with a recovery code, fail a few codes
        String nina = keep(server.login("nina", tenant, "nina-Secret-1")).text("access_token");
        secret(nina);
        String totpSecret = secret(keep(client.post(AuthRoutes.TOTP, nina, Map.of())).text("secret"));
        TimeBasedOneTimePasswordGenerator app = new TimeBasedOneTimePasswordGenerator();
        SecretKeySpec totpKey = new SecretKeySpec(Base32.decode(totpSecret), "HmacSHA1");
        String code = secret(String.format(Locale.ROOT, "%06d", app.generateOneTimePassword(totpKey, server.clock.instant())));
        ApiClient.Response confirmed = keep(client.post(AuthRoutes.TOTP_CONFIRM, nina, Map.of("code", code)));
        List<String> recoveryCodes = new ArrayList<>();
        confirmed.json().path("recovery_codes").forEach(c -> recoveryCodes.add(secret(c.asText())));
        String nonce = secret(keep(client.token("grant_type", "password", "username", "nina", "tenant", tenant,
                "password", "nina-Secret-1")).text("nonce"));
        keep(client.token("grant_type", "mfa", "nonce", nonce, "code", secret("987654")));
        server.clock.advance(Totp.STEP);
        String nextCode = secret(String.format(Locale.ROOT, "%06d", app.generateOneTimePassword(totpKey, server.clock.instant())));
        secret(keep(client.token("grant_type", "mfa", "nonce", nonce, "code", nextCode)).text("access_token"));
        String nonce2 = secret(keep(client.token("grant_type", "password", "username", "nina", "tenant", tenant,
                "password", "nina-Secret-1")).text("nonce"));
        keep(client.token("grant_type", "mfa", "nonce", nonce2, "code", recoveryCodes.getFirst()));
        keep(client.token("grant_type", "mfa", "nonce", nonce2, "code", recoveryCodes.getFirst()));

        assertThat(recorded.list).isNotEmpty();
        for (ILoggingEvent event : recorded.list) {
            String text = rendered(event);
            for (String secret : secrets) {
                assertThat(text).as("log event of %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
        for (ApiClient.Response answer : answers) {
            if (answer.status() >= 400 && !answer.text("code").equals("mfa_required")) { // that one hands out a nonce
                for (String secret : secrets) {
                    assertThat(answer.raw()).doesNotContain(secret);
                }
            }
        }
    }

    private static String rendered(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(pair -> text.append(' ').append(pair.key).append('=').append(pair.value));
        }
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                text.append(' ').append(argument);
            }
        }
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            text.append(' ').append(cause.getMessage());
        }
        return text.toString();
    }
}
