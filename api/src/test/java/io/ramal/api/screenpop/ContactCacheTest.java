package io.ramal.api.screenpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactCacheTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final LookupResult ACME = new LookupResult.Found(Map.of("name", "ACME"));

    @Test
    void anAnswerIsReusedForTheSameTenantAndUrlUntilItsTtlEnds() {
        ContactCache cache = new ContactCache(10);
        cache.put("t1", "http://crm/a?p=1", ACME, Duration.ofSeconds(60), T0);
        assertThat(cache.get("t1", "http://crm/a?p=1", T0.plusSeconds(59))).contains(ACME);
        assertThat(cache.get("t2", "http://crm/a?p=1", T0)).as("another tenant").isEmpty();
        assertThat(cache.get("t1", "http://crm/a?p=2", T0)).as("another number").isEmpty();
        assertThat(cache.get("t1", "http://crm/a?p=1", T0.plusSeconds(60))).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void failuresAreNeverKeptNorAnythingWithAZeroTtl() {
        ContactCache cache = new ContactCache(10);
        cache.put("t1", "u1", new LookupResult.Failed("the CRM answered 500"), Duration.ofSeconds(60), T0);
        cache.put("t1", "u2", new LookupResult.TimedOut(Duration.ofMillis(300)), Duration.ofSeconds(60), T0);
        cache.put("t1", "u3", ACME, Duration.ZERO, T0);
        assertThat(cache.size()).isZero();
        cache.put("t1", "u4", new LookupResult.NotFound(), Duration.ofSeconds(60), T0);
        assertThat(cache.get("t1", "u4", T0)).contains(new LookupResult.NotFound());
    }

    @Test
    void holdsAtMostItsCapacityDroppingTheLeastRecentlyUsedAndForgetsATenant() {
        ContactCache cache = new ContactCache(2);
        cache.put("t1", "a", ACME, Duration.ofMinutes(1), T0);
        cache.put("t1", "b", ACME, Duration.ofMinutes(1), T0);
        cache.get("t1", "a", T0);
        cache.put("t2", "c", ACME, Duration.ofMinutes(1), T0);
        assertThat(cache.get("t1", "b", T0)).isEmpty();
        assertThat(cache.get("t1", "a", T0)).isPresent();
        cache.forget("t1");
        assertThat(cache.get("t1", "a", T0)).isEmpty();
        assertThat(cache.get("t2", "c", T0)).isPresent();
    }
}
