package io.ramal.api.auth;

import io.ramal.store.Tenants;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The users of the demo tenant: {@code admin}/{@code demo-admin} (admin), {@code alice}/{@code
 * demo-alice} (agent, extension 1001), {@code bob}/{@code demo-bob} (agent, 1002) and
 * {@code carol}/{@code demo-carol} (supervisor, 1003). Seeding adds only the missing ones: a user
 * already there, perhaps with a changed password, is left alone. The demo tenant and its
 * extensions must exist first.
 */
public final class DemoUsers {

    public static final String TENANT = "demo";

    /** One seeded user. */
    public record Seed(String username, String password, Role role, Optional<String> extension) {}

    public static final List<Seed> SEEDS = List.of(
            new Seed("admin", "demo-admin", Role.ADMIN, Optional.empty()),
            new Seed("alice", "demo-alice", Role.AGENT, Optional.of("1001")),
            new Seed("bob", "demo-bob", Role.AGENT, Optional.of("1002")),
            new Seed("carol", "demo-carol", Role.SUPERVISOR, Optional.of("1003")));

    private final Tenants tenants;
    private final Users users;
    private final Passwords passwords;
    private final InstantSource clock;

    public DemoUsers(DataSource dataSource, Passwords passwords, InstantSource clock) {
        this.tenants = new Tenants(dataSource);
        this.users = new Users(dataSource);
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds the missing demo users; returns how many were added. */
    public int seed() {
        if (tenants.find(TENANT).isEmpty()) {
            throw new IllegalStateException("the demo tenant must be provisioned before its users");
        }
        int added = 0;
        for (Seed seed : SEEDS) {
            if (users.findByUsername(TENANT, seed.username()).isEmpty()) {
                users.insert(User.create(UUID.randomUUID().toString(), TENANT, seed.username(),
                        passwords.hash(seed.password()), Set.of(Roles.wireName(seed.role())), seed.extension(),
                        clock.instant()));
                added++;
            }
        }
        return added;
    }
}
