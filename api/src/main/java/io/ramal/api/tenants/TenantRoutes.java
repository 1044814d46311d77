package io.ramal.api.tenants;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Passwords;
import io.ramal.api.auth.Role;
import io.ramal.api.auth.Roles;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.api.provisioning.ConfigListed;
import io.ramal.store.SipDomain;
import io.ramal.store.SipDomains;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenants under {@code /api/v1/tenants}, for server operators only ({@link OperatorAuthentication}):
 * list them, create one with its SIP domains and first admin, rename it, change its domains, disable
 * or enable it. A tenant's own users never reach these routes, so no tenant learns of another.
 *
 * <p>A disabled tenant keeps its data but serves nothing, at once: its SIP domains are not served
 * (its phones' requests get {@code 404 Domain Not Served}), its trunks unregister and carry no call,
 * and its users' tokens and API keys are refused ({@code 401 tenant_disabled}); logins fail.
 * Tenants are not deleted through the API: disabling is reversible, deleting a tenant's calls,
 * recordings and events is not.
 */
public final class TenantRoutes {

    public static final String TENANTS = "/api/v1/tenants";
    public static final String TENANT = TENANTS + "/{id}";
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9a-f:.]{2,45}]?");
    static final int MAX_DOMAINS = 16;
    static final int MAX_NAME = 64;
    static final String ADMIN = "admin";
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final Logger LOG = LoggerFactory.getLogger(TenantRoutes.class);

    private final OperatorAuthentication operators;
    private final Tenants tenants;
    private final SipDomains domains;
    private final Users users;
    private final Passwords passwords;
    private final ConfigListed config;
    private final Runnable changed;
    private final InstantSource clock;
    private final SecureRandom random;

    /** @param changed called after every change, so the PBX reads its directory and trunks again */
    public TenantRoutes(OperatorAuthentication operators, Tenants tenants, SipDomains domains, Users users,
            Passwords passwords, ConfigListed config, Runnable changed, InstantSource clock, SecureRandom random) {
        this.operators = Objects.requireNonNull(operators, "operators");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.domains = Objects.requireNonNull(domains, "domains");
        this.users = Objects.requireNonNull(users, "users");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.config = Objects.requireNonNull(config, "config");
        this.changed = Objects.requireNonNull(changed, "changed");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(TENANTS, this::list);
        routes.post(TENANTS, this::create);
        routes.get(TENANT, this::show);
        routes.patch(TENANT, this::update);
    }

    private void list(Context ctx) {
        operators.require(ctx);
        Set<String> disabled = tenants.disabledIds();
        List<Map<String, Object>> all = tenants.list().stream().map(t -> view(t, disabled.contains(t.id()))).toList();
        Json.write(ctx, 200, Map.of("tenants", all));
    }

    private void show(Context ctx) {
        operators.require(ctx);
        Tenant tenant = target(ctx);
        Json.write(ctx, 200, view(tenant, tenants.disabled(tenant.id())));
    }

    /** A new tenant with its domains and its first admin, whose password is in this answer only. */
    private void create(Context ctx) {
        Operator operator = operators.require(ctx);
        ObjectNode body = Json.readObject(ctx);
        String id = JsonFields.requiredText(body, "id");
        if (!ID.matcher(id).matches()) {
            throw JsonFields.invalid("id must be 1 to 63 of a-z, 0-9, '-' or '_', starting with a letter or digit");
        }
        String name = name(JsonFields.optionalText(body, "name").orElse(id));
        Set<String> wanted = domains(JsonFields.optionalTextList(body, "domains")
                .orElseThrow(() -> JsonFields.invalid("domains is required (the tenant's SIP domains)")));
        if (tenants.find(id).isPresent()) {
            throw new ApiException(409, "tenant_exists", "tenant " + id + " exists already");
        }
        refuseTaken(id, wanted);
        Tenant tenant = new Tenant(id, name, clock.instant());
        tenants.save(tenant);
        wanted.forEach(d -> domains.save(new SipDomain(d, id)));
        String password = password();
        users.insert(User.create(UUID.randomUUID().toString(), id, ADMIN, passwords.hash(password),
                Set.of(Roles.wireName(Role.ADMIN)), Optional.empty(), clock.instant()));
        changed.run();
        LOG.atInfo().addKeyValue("operator", operator.name()).addKeyValue("tenant", id).log("tenant created");
        Map<String, Object> answer = view(tenant, false);
        answer.put("initial_admin", Map.of("username", ADMIN + "@" + id, "password", password));
        ctx.header("Location", TENANTS + "/" + id);
        ctx.header("Cache-Control", "no-store");
        Json.write(ctx, 201, answer);
    }

    private void update(Context ctx) {
        Operator operator = operators.require(ctx);
        Tenant current = target(ctx);
        ObjectNode body = Json.readObject(ctx);
        Optional<String> name = JsonFields.optionalText(body, "name").map(TenantRoutes::name);
        Optional<Set<String>> wanted = JsonFields.has(body, "domains")
                ? Optional.of(domains(JsonFields.optionalTextList(body, "domains").orElse(List.of())))
                : Optional.empty();
        Optional<Boolean> disabled = JsonFields.optionalBoolean(body, "disabled");
        if (name.isPresent() || wanted.isPresent()) {
            ConfigListed.refuseChange(config.tenant(current.id()), "tenant " + current.id());
        }
        wanted.ifPresent(set -> refuseTaken(current.id(), set));
        Tenant next = name.map(n -> new Tenant(current.id(), n, current.createdAt())).orElse(current);
        if (name.isPresent()) {
            tenants.save(next);
        }
        wanted.ifPresent(set -> {
            for (SipDomain old : domains.list(current.id())) {
                if (!set.contains(old.domain())) {
                    domains.delete(old.domain());
                }
            }
            set.forEach(d -> domains.save(new SipDomain(d, current.id())));
        });
        disabled.ifPresent(flag -> tenants.setDisabled(current.id(), flag));
        changed.run();
        LOG.atInfo().addKeyValue("operator", operator.name()).addKeyValue("tenant", current.id())
                .addKeyValue("disabled", disabled.map(String::valueOf).orElse("unchanged")).log("tenant changed");
        Json.write(ctx, 200, view(next, tenants.disabled(current.id())));
    }

    private Tenant target(Context ctx) {
        String id = ctx.pathParam("id");
        return tenants.find(id).orElseThrow(() -> new ApiException(404, "tenant_not_found", "no tenant " + id));
    }

    private void refuseTaken(String tenantId, Set<String> wanted) {
        for (String domain : wanted) {
            Optional<String> owner = domains.tenantOf(domain);
            if (owner.isPresent() && !owner.get().equals(tenantId)) {
                throw new ApiException(409, "domain_taken", "domain " + domain + " belongs to tenant " + owner.get());
            }
        }
    }

    private static String name(String value) {
        if (value.isBlank() || value.length() > MAX_NAME || value.chars().anyMatch(Character::isISOControl)) {
            throw JsonFields.invalid("name must be 1 to " + MAX_NAME + " characters without control characters");
        }
        return value.strip();
    }

    /** SIP domains: DNS names or IP addresses, lower-cased; 1 to {@value #MAX_DOMAINS}. */
    private static Set<String> domains(List<String> values) {
        if (values.isEmpty() || values.size() > MAX_DOMAINS) {
            throw JsonFields.invalid("domains must list 1 to " + MAX_DOMAINS + " SIP domains");
        }
        Set<String> set = new TreeSet<>();
        for (String value : values) {
            String domain = value.strip().toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(domain).matches() && !(domain.contains(":") && IPV6.matcher(domain).matches())) {
                throw JsonFields.invalid("domains must be DNS names or IP addresses");
            }
            set.add(domain);
        }
        return set;
    }

    private String password() {
        char[] chars = new char[20];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    private Map<String, Object> view(Tenant tenant, boolean disabled) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", tenant.id());
        v.put("name", tenant.name());
        v.put("domains", domains.list(tenant.id()).stream().map(SipDomain::domain).toList());
        v.put("disabled", disabled);
        v.put("created_at", tenant.createdAt().toString());
        v.put("managed_by", ConfigListed.managedBy(config.tenant(tenant.id())));
        return v;
    }
}
