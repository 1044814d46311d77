package io.ramal.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SocketQuotaTest {

    @Test
    void grantsUpToTheLimitPerUserAndAgainAfterARelease() {
        SocketQuota quota = new SocketQuota(2);

        assertThat(quota.tryAcquire("a")).isTrue();
        assertThat(quota.tryAcquire("a")).isTrue();
        assertThat(quota.tryAcquire("a")).isFalse();
        assertThat(quota.tryAcquire("b")).isTrue();
        quota.release("a");
        assertThat(quota.tryAcquire("a")).isTrue();
        assertThat(quota.held("a")).isEqualTo(2);
    }

    @Test
    void forgetsUsersWithNoSocketLeft() {
        SocketQuota quota = new SocketQuota(1);
        quota.tryAcquire("a");

        quota.release("a");
        quota.release("a");

        assertThat(quota.held("a")).isZero();
        assertThat(quota.tryAcquire("a")).isTrue();
    }
}
