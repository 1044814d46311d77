package io.ramal.api.auth;

import io.javalin.Javalin;
import io.ramal.api.http.Idempotency;
import io.ramal.store.IdempotencyKeys;
import io.ramal.store.Database;
import io.ramal.store.testing.DemoTenant;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import io.ramal.store.User;
import io.ramal.store.Users;
import io.ramal.store.testing.ScratchDatabase;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The authentication endpoints on a real Javalin at 127.0.0.1 (free port) over a scratch SQLite
 * store holding the demo tenant, with a manual clock and cheap bcrypt.
 */
final class AuthServer implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-21T09:00:00Z");
    static final SecureRandom RANDOM = new SecureRandom();

    /** Test defaults: bcrypt cost 4, a source rate no test trips by accident, bare names go to demo. */
    static final AuthConfig CONFIG = AuthConfig.DEFAULTS.withBcryptCost(4)
            .withSourceRate(new RatePolicy(10_000, Duration.ofMillis(1)))
            .withDefaultTenant("demo");

    final ManualClock clock = new ManualClock(START);
    final ScratchDatabase scratch;
    final DataSource dataSource;
    final AuthApi api;
    final Javalin app;
    final ApiClient client;

    AuthServer() {
        this(CONFIG);
    }

    AuthServer(AuthConfig config) {
        scratch = ScratchDatabase.sqlite();
        Database database = scratch.open();
        dataSource = database.dataSource();
        new DemoTenant(dataSource, clock).seed("127.0.0.1");
        api = new AuthApi(dataSource, config, TokenSecret.generate(RANDOM), clock, RANDOM);
        api.demoUsers().seed();
        app = Javalin.create(javalin -> {
            javalin.jetty.host = "127.0.0.1";
            javalin.jetty.port = 0;
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            Idempotency.standard(new IdempotencyKeys(dataSource), api.authentication(), clock).addTo(javalin.routes);
            api.addTo(javalin.routes);
        }).start();
        client = new ApiClient(URI.create("http://127.0.0.1:" + app.port() + "/"));
    }

    /** A new tenant with one admin ({@code admin} / {@code admin-password}); returns the tenant id. */
    String tenantWithAdmin() {
        String tenant = "t-" + UUID.randomUUID();
        new Tenants(dataSource).save(new Tenant(tenant, "Tenant " + tenant, START));
        addUser(tenant, "admin", "admin-password", "admin");
        return tenant;
    }

    User addUser(String tenant, String username, String password, String role) {
        User user = User.create(UUID.randomUUID().toString(), tenant, username, api.passwords().hash(password),
                Set.of(role), Optional.empty(), clock.instant());
        new Users(dataSource).insert(user);
        return user;
    }

    /** Logs in by password and returns the whole successful answer. */
    ApiClient.Response login(String username, String tenant, String password) {
        ApiClient.Response response = client.token("grant_type", "password", "username", username, "tenant", tenant,
                "password", password);
        if (response.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + response.raw());
        }
        return response;
    }

    String accessToken(String username, String tenant, String password) {
        return login(username, tenant, password).text("access_token");
    }

    @Override
    public void close() {
        app.stop();
        scratch.close();
    }
}
