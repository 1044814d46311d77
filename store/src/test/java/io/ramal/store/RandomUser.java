package io.ramal.store;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** Creates a user with a fresh id and name in a tenant, for rows that belong to a user. */
final class RandomUser {

    private RandomUser() {}

    static User create(DataSource dataSource, String tenantId) {
        String id = "u-" + UUID.randomUUID();
        User user = User.create(id, tenantId, "user-" + id, "$2a$04$notarealhash", Set.of("agent"),
                Optional.empty(), RandomTenant.CREATED);
        new Users(dataSource).insert(user);
        return user;
    }
}
