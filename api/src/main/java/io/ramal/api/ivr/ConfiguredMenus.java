package io.ramal.api.ivr;

import io.ramal.api.ApiException;
import java.util.Map;
import java.util.Set;

/**
 * The voice menus the server's config file lists, per tenant. The config is written into the store at
 * every start, so it is their source of truth: the API shows them {@code "managed_by":"config"} and
 * refuses to change or delete them ({@code 409 managed_by_config}); their prompts are still uploaded
 * through the API.
 */
public record ConfiguredMenus(Map<String, Set<String>> names) {

    /** Nothing is config-managed (the demo: its rows are seeded once, then the API's). */
    public static final ConfiguredMenus NONE = new ConfiguredMenus(Map.of());

    public ConfiguredMenus {
        names = Map.copyOf(names);
    }

    boolean listed(String tenant, String menu) {
        return names.getOrDefault(tenant, Set.of()).contains(menu);
    }

    String managedBy(String tenant, String menu) {
        return listed(tenant, menu) ? "config" : "api";
    }

    void refuseChange(String tenant, String menu) {
        if (listed(tenant, menu)) {
            throw new ApiException(409, "managed_by_config", "voice menu " + menu + " is listed in the server's config"
                    + " file, which is applied at every start; change it there");
        }
    }
}
