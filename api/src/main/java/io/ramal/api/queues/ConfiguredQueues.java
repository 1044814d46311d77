package io.ramal.api.queues;

import io.ramal.api.ApiException;
import java.util.Map;
import java.util.Set;

/**
 * The queues the server's config file lists, per tenant. The config is written into the store at every
 * start, so it is their source of truth: the API shows them {@code "managed_by":"config"} and refuses to
 * change or delete them ({@code 409 managed_by_config}); their members are still the API's.
 */
public record ConfiguredQueues(Map<String, Set<String>> names) {

    /** Nothing is config-managed (the demo: its queues are seeded once, then the API's). */
    public static final ConfiguredQueues NONE = new ConfiguredQueues(Map.of());

    public ConfiguredQueues {
        names = Map.copyOf(names);
    }

    boolean listed(String tenant, String queue) {
        return names.getOrDefault(tenant, Set.of()).contains(queue);
    }

    String managedBy(String tenant, String queue) {
        return listed(tenant, queue) ? "config" : "api";
    }

    void refuseChange(String tenant, String queue) {
        if (listed(tenant, queue)) {
            throw new ApiException(409, "managed_by_config", "queue " + queue + " is listed in the server's config"
                    + " file, which is applied at every start; change it there");
        }
    }
}
