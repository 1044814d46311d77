package io.ramal.api.screenpop;

import io.ramal.api.webhooks.OutboundGuard;
import io.ramal.store.CrmLookup;
import io.ramal.store.CrmLookups;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CRM lookup for one pop, start to finish: the tenant's lookup as it is now (none configured,
 * or switched off: no lookup), its URL rendered for the pop, the SSRF guard with the tenant's
 * allow-list (the webhooks' one), the cache, then the CRM itself within the tenant's timeout.
 * Every outcome is a {@link Lookup}; nothing here throws for a CRM's fault.
 */
final class ContactLookup {

    private static final Logger LOG = LoggerFactory.getLogger(ContactLookup.class);

    private final CrmLookups lookups;
    private final OutboundGuard guard;
    private final ContactSource source;
    private final ContactCache cache;
    private final InstantSource clock;

    ContactLookup(CrmLookups lookups, OutboundGuard guard, ContactSource source, ContactCache cache,
            InstantSource clock) {
        this.lookups = Objects.requireNonNull(lookups, "lookups");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.source = Objects.requireNonNull(source, "source");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The lookup for this pop; empty when the tenant has no lookup switched on. */
    Optional<Lookup> lookup(String tenant, PopDraft draft) throws InterruptedException {
        Optional<CrmLookup> stored = lookups.find(tenant).filter(CrmLookup::enabled);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        CrmLookupSettings settings;
        try {
            settings = CrmLookupSettings.from(stored.get());
        } catch (IllegalArgumentException e) {
            LOG.atError().addKeyValue("tenant", tenant).addKeyValue("error", e.getMessage())
                    .log("the tenant's CRM lookup is unreadable; pops go out without a contact");
            return Optional.of(new Lookup(new LookupResult.Failed("the CRM lookup settings are damaged"),
                    Duration.ZERO, false));
        }
        return Optional.of(lookup(tenant, settings, draft));
    }

    /**
     * A lookup with the given settings (also for trying them out): a zero cache TTL neither reads
     * nor fills the cache.
     */
    Lookup lookup(String tenant, CrmLookupSettings settings, PopDraft draft) throws InterruptedException {
        if (draft.callerNumber().isBlank()) {
            return new Lookup(new LookupResult.Skipped("the call has no caller number"), Duration.ZERO, false);
        }
        URI uri;
        try {
            uri = settings.url().render(draft.asEvent(tenant));
        } catch (URISyntaxException e) {
            return new Lookup(new LookupResult.Skipped("the URL template renders an invalid URL: " + e.getMessage()),
                    Duration.ZERO, false);
        }
        long started = System.nanoTime();
        Optional<String> refusal = guard.refusal(tenant, uri);
        if (refusal.isPresent()) {
            return new Lookup(new LookupResult.NotAllowed(refusal.get()), since(started), false);
        }
        Optional<LookupResult> cached = settings.cacheTtl().isZero() ? Optional.empty()
                : cache.get(tenant, uri.toString(), clock.instant());
        if (cached.isPresent()) {
            return new Lookup(cached.get(), since(started), true);
        }
        LookupResult result = source.fetch(uri, settings.headers(), settings.timeout());
        cache.put(tenant, uri.toString(), result, settings.cacheTtl(), clock.instant());
        return new Lookup(result, since(started), false);
    }

    void forget(String tenant) {
        cache.forget(tenant);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
