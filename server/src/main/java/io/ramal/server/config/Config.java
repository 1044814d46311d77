package io.ramal.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Everything the server needs to start, read once at startup. {@link #demo()} and
 * {@link #production()} are the two sets of defaults a config file is laid over; the keys
 * are documented in {@code docs/config.md} and {@code docs/reference.yaml}.
 */
public record Config(
        HttpConfig http,
        SipConfig sip,
        MediaConfig media,
        ApiConfig api,
        StoreConfig store,
        Path dataDir,
        LogConfig log,
        List<TenantConfig> tenants) {

    public static final String DEMO_TENANT = "demo";

    public Config {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(sip, "sip");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(log, "log");
        tenants = List.copyOf(tenants);
        Map<String, String> ids = new HashMap<>();
        Map<String, String> domainOwners = new HashMap<>();
        for (TenantConfig tenant : tenants) {
            if (ids.put(tenant.id(), tenant.id()) != null) {
                throw new IllegalArgumentException("tenant id " + tenant.id() + " is used twice");
            }
            for (String domain : tenant.domains()) {
                String owner = domainOwners.putIfAbsent(domain, tenant.id());
                if (owner != null) {
                    throw new IllegalArgumentException(
                            "domain " + domain + " belongs to both tenant " + owner + " and tenant " + tenant.id());
                }
            }
        }
    }

    /**
     * Demo defaults: loopback only (127.0.0.1 and ::1), SIP 5060 over UDP and TCP, HTTP 8080,
     * SQLite under {@code ./data}, and the {@code demo} tenant: domains 127.0.0.1 and localhost,
     * extensions 1001–1010 with password {@code demo<number>}, the demo API users, a trunk to 127.0.0.1:5080 and
     * DID 4000 ringing 1001.
     */
    public static Config demo() {
        return new Config(
                new HttpConfig("127.0.0.1", 8080),
                defaultSip("127.0.0.1"),
                MediaConfig.defaults("127.0.0.1"),
                ApiConfig.DEFAULTS.withSeedDemoUsers(true),
                StoreConfig.EMBEDDED,
                Path.of("./data"),
                LogConfig.DEFAULTS,
                List.of(demoTenant()));
    }

    /** Production defaults ({@code serve}): SIP on every address, HTTP on loopback, no tenants. */
    public static Config production() {
        return new Config(
                new HttpConfig("127.0.0.1", 8080),
                defaultSip("0.0.0.0"),
                MediaConfig.defaults("0.0.0.0"),
                ApiConfig.DEFAULTS,
                StoreConfig.EMBEDDED,
                Path.of("./data"),
                LogConfig.DEFAULTS,
                List.of());
    }

    /** The JDBC URL of the store: {@code store.url}, or the SQLite file {@code <data_dir>/ramal.db}. */
    public String jdbcUrl() {
        return store.url().orElseGet(() -> "jdbc:sqlite:" + dataDir.resolve("ramal.db"));
    }

    /**
     * The file holding the key that seals trunk passwords in the store: {@code store.secrets_key_file},
     * or {@code <data_dir>/secrets.key}.
     */
    public Path secretsKeyFile() {
        return store.secretsKeyFile().map(Path::of).orElseGet(() -> dataDir.resolve("secrets.key"));
    }

    /** Where call recordings are kept: {@code <data_dir>/recordings}. */
    public Path recordingsDir() {
        return dataDir.resolve("recordings");
    }

    /** The digest realm of {@code tenant}: {@code sip.realm} if set, else the tenant's first domain. */
    /**
     * Whether the tenants section only seeds the store (the demo): written once, when missing, and
     * then owned by the API. Otherwise the config file is applied at every start and is the source
     * of truth for what it lists.
     */
    public boolean seedsOnce() {
        return api.seedDemoUsers();
    }

    public String realmOf(TenantConfig tenant) {
        return sip.realm().orElseGet(tenant::defaultRealm);
    }

    public Optional<TenantConfig> tenant(String id) {
        return tenants.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Config withHttp(HttpConfig newHttp) {
        return new Config(newHttp, sip, media, api, store, dataDir, log, tenants);
    }

    public Config withSip(SipConfig newSip) {
        return new Config(http, newSip, media, api, store, dataDir, log, tenants);
    }

    public Config withMedia(MediaConfig newMedia) {
        return new Config(http, sip, newMedia, api, store, dataDir, log, tenants);
    }

    public Config withApi(ApiConfig newApi) {
        return new Config(http, sip, media, newApi, store, dataDir, log, tenants);
    }

    public Config withDataDir(Path newDataDir) {
        return new Config(http, sip, media, api, store, newDataDir, log, tenants);
    }

    private static SipConfig defaultSip(String bind) {
        return new SipConfig(
                bind,
                Optional.empty(),
                5060,
                List.of(SipTransport.UDP, SipTransport.TCP),
                true,
                Optional.empty(),
                Duration.ofSeconds(30),
                RegistrationConfig.DEFAULTS,
                GuardConfig.DEFAULTS,
                OverloadConfig.DEFAULTS);
    }

    private static TenantConfig demoTenant() {
        List<ExtensionConfig> extensions = IntStream.rangeClosed(1001, 1010)
                .mapToObj(n -> new ExtensionConfig(Integer.toString(n), "Extension " + n, "demo" + n))
                .toList();
        TrunkConfig trunk = new TrunkConfig(
                "local-trunk", "127.0.0.1", 5080, SipTransport.UDP,
                Optional.empty(), Optional.empty(), false, Optional.empty());
        return new TenantConfig(
                DEMO_TENANT, "Demo", List.of("127.0.0.1", "localhost"),
                extensions, List.of(trunk), List.of(new DidConfig("4000", "1001")));
    }
}
