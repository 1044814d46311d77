package io.ramal.api.screenpop;

import io.ramal.api.events.CommitNotice;
import io.ramal.api.events.EventJournal;
import io.ramal.api.events.NewEvent;
import io.ramal.api.webhooks.OutboundGuard;
import io.ramal.store.CrmLookups;
import io.ramal.store.ScreenPopClaim;
import io.ramal.store.ScreenPopClaims;
import io.ramal.store.StoredEvent;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screen pop engine: claims a pop for each agent a call rings ({@link #enlist}, on the
 * transaction of the {@code call.delivered} event), then pops each claim once — the CRM lookup,
 * then the {@code screen_pop} event appended to the journal together with the claim's move to
 * popped. See the package documentation for why that makes one pop per call and agent.
 *
 * <p>Lifecycle: construct, hand {@link #enlist} to the journal as an enlistment and
 * {@link #afterCommit()} as its commit hook, then {@link #start} with the journal; {@link #close()}
 * on shutdown (claims in flight are taken again, by this node after a restart or by another one).
 */
public final class ScreenPops implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenPops.class);
    static final String DELIVERED = "call.delivered";

    private final ScreenPopConfig config;
    private final InstantSource clock;
    private final ScreenPopClaims claims;
    private final CrmLookups lookups;
    private final OutboundGuard guard;
    private final ContactSource source;
    private final ContactLookup contacts;
    private final String owner = "pops-" + UUID.randomUUID();
    private final CommitNotice claimed = new CommitNotice();
    private final Semaphore signal = new Semaphore(0);
    private final Semaphore slots;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("screen-pop-", 0).factory());
    private volatile EventJournal journal;
    private volatile boolean running;
    private Thread loop;

    public ScreenPops(DataSource dataSource, OutboundGuard guard, ScreenPopConfig config, InstantSource clock) {
        this(dataSource, guard, new HttpContactSource(CrmLookupSettings.MAX_TIMEOUT, config.maxContactBytes()), config,
                clock);
    }

    ScreenPops(DataSource dataSource, OutboundGuard guard, ContactSource source, ScreenPopConfig config,
            InstantSource clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.claims = new ScreenPopClaims(dataSource);
        this.lookups = new CrmLookups(dataSource);
        this.guard = Objects.requireNonNull(guard, "guard");
        this.source = Objects.requireNonNull(source, "source");
        this.contacts = new ContactLookup(lookups, guard, source, new ContactCache(config.cacheCapacity()), clock);
        this.slots = new Semaphore(config.maxConcurrent());
    }

    /**
     * Claims a pop for every agent of each extension a {@code call.delivered} among {@code events}
     * rings ({@link ScreenPopClaims#agentsAt}: the agent logged in at that device; else the users
     * bound to the extension that neither work elsewhere nor logged out), or the extension itself
     * when nobody answers it. Runs on the transaction that appends the events (an
     * {@link io.ramal.store.EventLog.Enlistment}), so the claims exist exactly when the ringing does,
     * and the agent is the one logged in at the moment the call rang. A call that already has a
     * claim for an agent claims nothing more for it.
     */
    public void enlist(Connection transaction, List<StoredEvent> events) {
        for (StoredEvent event : events) {
            if (!event.type().equals(DELIVERED)) {
                continue;
            }
            Optional<PopDraft> ringing;
            try {
                ringing = PopDraft.ringing(event.callId(), event.device(), event.seq(),
                        PopDraft.readObject(event.payload()));
            } catch (IllegalArgumentException e) {
                LOG.atError().addKeyValue("tenant", event.tenantId()).addKeyValue("seq", event.seq())
                        .addKeyValue("error", e.getMessage()).log("call.delivered unreadable: no screen pop");
                continue;
            }
            if (ringing.isEmpty()) {
                continue;
            }
            PopDraft draft = ringing.get();
            List<PopDraft> pops = new ArrayList<>();
            for (ScreenPopClaims.Agent agent : claims.agentsAt(transaction, event.tenantId(), draft.extension())) {
                pops.add(draft.forAgent(Optional.of(new PopDraft.Agent(agent.userId(), agent.username()))));
            }
            if (pops.isEmpty()) {
                pops.add(draft);
            }
            for (PopDraft pop : pops) {
                if (claims.claim(transaction, ScreenPopClaim.pending(event.tenantId(), pop.callId(), pop.agentKey(),
                        event.seq(), pop.toJson(), event.ts()))) {
                    claimed.mark();
                }
            }
        }
    }

    /** Wakes the worker if an append since the last call claimed a pop; call after every commit. */
    public void afterCommit() {
        if (claimed.take()) {
            wake();
        }
    }

    /** Starts popping claims into {@code eventJournal}. */
    public synchronized ScreenPops start(EventJournal eventJournal) {
        if (loop != null) {
            throw new IllegalStateException("already started");
        }
        this.journal = Objects.requireNonNull(eventJournal, "eventJournal");
        running = true;
        loop = Thread.ofVirtual().name("screen-pops").start(this::run);
        return this;
    }

    /** Looks for claims now instead of at the next poll. */
    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    CrmLookups lookups() {
        return lookups;
    }

    OutboundGuard guard() {
        return guard;
    }

    ContactLookup contacts() {
        return contacts;
    }

    InstantSource clock() {
        return clock;
    }

    private void run() {
        Instant housekeeping = Instant.MIN;
        while (running) {
            try {
                signal.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
                if (!running) {
                    break;
                }
                Instant now = clock.instant();
                if (!now.isBefore(housekeeping)) {
                    housekeep(now);
                    housekeeping = now.plus(config.housekeeping());
                }
                int free = slots.availablePermits();
                if (free == 0) {
                    continue; // a finishing pop wakes us
                }
                List<ScreenPopClaim> leased = claims.lease(owner, now, now.plus(config.lease()), free);
                for (ScreenPopClaim claim : leased) {
                    slots.acquire();
                    workers.execute(() -> {
                        try {
                            pop(claim);
                        } finally {
                            slots.release();
                            wake(); // more claims may wait for a free slot
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("screen pop worker: looking for claims failed; trying again");
            }
        }
    }

    private void housekeep(Instant now) {
        int expired = claims.expire(now.minus(config.maxDelay()), now);
        if (expired > 0) {
            LOG.atWarn().addKeyValue("claims", expired).addKeyValue("max_delay", config.maxDelay())
                    .log("screen pops given up: not popped in time after the call rang");
        }
        claims.prune(now.minus(config.retention()));
    }

    /** Thrown inside the pop's append to roll it back: the claim was popped or expired meanwhile. */
    private static final class NoLongerPending extends RuntimeException {
        NoLongerPending() {
            super(null, null, false, false);
        }
    }

    private void pop(ScreenPopClaim claim) {
        PopDraft draft;
        try {
            draft = PopDraft.fromJson(claim.draft());
        } catch (IllegalArgumentException e) {
            LOG.atError().addKeyValue("tenant", claim.tenantId()).addKeyValue("call", claim.callId())
                    .addKeyValue("error", e.getMessage()).log("screen pop claim unreadable; it will expire");
            return;
        }
        Optional<Lookup> lookup;
        try {
            lookup = contacts.lookup(claim.tenantId(), draft);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).addKeyValue("tenant", claim.tenantId()).log("CRM lookup failed unexpectedly");
            lookup = Optional.of(new Lookup(new LookupResult.Failed("lookup failed: " + e.getClass().getSimpleName()),
                    Duration.ZERO, false));
        }
        NewEvent event = new NewEvent(PopDraft.EVENT_TYPE, Optional.of(draft.callId()), Optional.of(draft.extension()),
                draft.fields(lookup));
        try {
            journal.appendAll(claim.tenantId(), List.of(event), (transaction, stored) -> {
                if (!claims.pop(transaction, claim.tenantId(), claim.callId(), claim.agent(), stored.getFirst().seq(),
                        clock.instant())) {
                    throw new NoLongerPending();
                }
            });
        } catch (NoLongerPending e) {
            LOG.atDebug().addKeyValue("tenant", claim.tenantId()).addKeyValue("call", claim.callId())
                    .log("screen pop already popped or expired");
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).addKeyValue("tenant", claim.tenantId()).addKeyValue("call", claim.callId())
                    .log("screen pop could not be stored; it is tried again after its lease");
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        Thread current = loop;
        if (current != null) {
            try {
                current.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
