package io.ramal.store.testing;

import io.ramal.store.Did;
import io.ramal.store.Dids;
import io.ramal.store.Extension;
import io.ramal.store.Extensions;
import io.ramal.store.SecretSeal;
import io.ramal.store.SipDomain;
import io.ramal.store.SipDomains;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import io.ramal.store.Trunk;
import io.ramal.store.TrunkTransport;
import io.ramal.store.Trunks;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * A ready-to-call tenant for first runs and tests: extensions 1001 to 1010 (SIP password
 * {@code demo<number>}, e.g. {@code demo1001}), reachable as {@code 127.0.0.1} and
 * {@code localhost}; a trunk {@code demo-trunk} to 127.0.0.1:5080 over UDP without registration;
 * DID 4000 ringing extension 1001.
 *
 * <p>Seeding is idempotent and only adds what is missing: rows already present, perhaps edited
 * by an administrator, are left as they are.
 */
public final class DemoTenant {

    public static final String ID = "demo";
    public static final String NAME = "Demo";
    public static final List<String> DOMAINS = List.of("127.0.0.1", "localhost");
    public static final List<String> EXTENSIONS =
            IntStream.rangeClosed(1001, 1010).mapToObj(Integer::toString).toList();
    public static final String TRUNK = "demo-trunk";
    public static final String DID = "4000";
    public static final String DID_TARGET = "1001";

    private final Tenants tenants;
    private final SipDomains domains;
    private final Extensions extensions;
    private final Trunks trunks;
    private final Dids dids;
    private final InstantSource clock;

    public DemoTenant(DataSource dataSource, InstantSource clock) {
        this.tenants = new Tenants(dataSource);
        this.domains = new SipDomains(dataSource);
        this.extensions = new Extensions(dataSource);
        this.trunks = new Trunks(dataSource, SecretSeal.generate(new java.security.SecureRandom()), clock);
        this.dids = new Dids(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The SIP password the demo gives an extension. */
    public static String passwordOf(String number) {
        return "demo" + number;
    }

    /**
     * Adds whatever part of the demo tenant is missing.
     *
     * @param realm the digest realm the PBX challenges the demo tenant's phones with
     * @return how many rows were added (0 when the demo was complete)
     */
    public int seed(String realm) {
        if (realm.isBlank()) {
            throw new IllegalArgumentException("realm must not be blank");
        }
        int added = 0;
        if (tenants.find(ID).isEmpty()) {
            tenants.save(new Tenant(ID, NAME, clock.instant()));
            added++;
        }
        for (String domain : DOMAINS) {
            if (domains.tenantOf(domain).isEmpty()) {
                domains.save(new SipDomain(domain, ID));
                added++;
            }
        }
        for (String number : EXTENSIONS) {
            if (extensions.find(ID, number).isEmpty()) {
                extensions.save(ID, number, "Extension " + number, realm, passwordOf(number));
                added++;
            }
        }
        if (trunks.find(ID, TRUNK).isEmpty()) {
            trunks.save(new Trunk(ID, TRUNK, "127.0.0.1", 5080, TrunkTransport.UDP, Optional.empty(), false));
            added++;
        }
        if (dids.find(ID, DID).isEmpty()) {
            dids.save(Did.toExtension(ID, DID, DID_TARGET));
            added++;
        }
        return added;
    }
}
