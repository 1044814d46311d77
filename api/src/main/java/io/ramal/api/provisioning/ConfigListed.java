package io.ramal.api.provisioning;

import io.ramal.api.ApiException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the server's config file lists, per tenant. The config is written into the store at every
 * start, so it is the source of truth for what it names: the API shows such an item with
 * {@code "managed_by":"config"} and refuses to change or delete it ({@code 409 managed_by_config})
 * instead of accepting an edit the next start would silently undo. Everything else is the API's.
 */
public record ConfigListed(
        Map<String, Set<String>> extensions, Map<String, Set<String>> trunks, Map<String, Set<String>> dids,
        Set<String> tenants) {

    /** Nothing is config-managed (the demo: its rows are seeded once, then the API's). */
    public static final ConfigListed NONE = new ConfigListed(Map.of(), Map.of(), Map.of(), Set.of());

    public ConfigListed {
        extensions = Map.copyOf(extensions);
        trunks = Map.copyOf(trunks);
        dids = Map.copyOf(dids);
        tenants = Set.copyOf(tenants);
    }

    /** The tenants' items listed in the config; the tenants themselves are those the maps name. */
    public ConfigListed(Map<String, Set<String>> extensions, Map<String, Set<String>> trunks,
            Map<String, Set<String>> dids) {
        this(extensions, trunks, dids, union(extensions.keySet(), trunks.keySet(), dids.keySet()));
    }

    private static Set<String> union(Set<String> a, Set<String> b, Set<String> c) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    /** Whether the tenant itself (its name and SIP domains) is listed in the config. */
    public boolean tenant(String id) {
        return tenants.contains(id);
    }

    boolean extension(String tenant, String number) {
        return extensions.getOrDefault(tenant, Set.of()).contains(number);
    }

    boolean trunk(String tenant, String name) {
        return trunks.getOrDefault(tenant, Set.of()).contains(name);
    }

    boolean did(String tenant, String number) {
        return dids.getOrDefault(tenant, Set.of()).contains(number);
    }

    public static String managedBy(boolean listed) {
        return listed ? "config" : "api";
    }

    public static void refuseChange(boolean listed, String what) {
        if (listed) {
            throw new ApiException(409, "managed_by_config", Objects.requireNonNull(what)
                    + " is listed in the server's config file, which is applied at every start; change it there");
        }
    }
}
