package io.ramal.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.relay.SourceLatch.Verdict;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class SourceLatchTest {
    static final InetAddress PHONE = address("192.0.2.10");
    static final InetAddress STRANGER = address("198.51.100.7");

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void latchesToTheFirstSourceWhenNoAddressIsExpected() {
        SourceLatch latch = new SourceLatch(null, 2000);

        assertThat(latch.admit(STRANGER, 4000, 1, 0)).isEqualTo(Verdict.LATCHED);
        assertThat(latch.latched()).isEqualTo(new InetSocketAddress(STRANGER, 4000));
        assertThat(latch.admit(STRANGER, 4000, 1, 20)).isEqualTo(Verdict.ACCEPTED);
        assertThat(latch.admit(PHONE, 4000, 1, 40)).isEqualTo(Verdict.FOREIGN);
    }

    @Test
    void acceptsOnlyTheExpectedAddressBeforeLatching() {
        SourceLatch latch = new SourceLatch(PHONE, 2000);

        assertThat(latch.admit(STRANGER, 4000, 1, 0)).isEqualTo(Verdict.FOREIGN);
        assertThat(latch.latched()).isNull();
        assertThat(latch.admit(PHONE, 5000, 1, 10)).as("any port of the expected address").isEqualTo(Verdict.LATCHED);
        assertThat(latch.admit(PHONE, 5002, 1, 20)).as("another port once latched").isEqualTo(Verdict.FOREIGN);
    }

    @Test
    void relatchesOnlyAfterSilenceAndWithTheSameSsrc() {
        SourceLatch latch = new SourceLatch(null, 2000);
        latch.admit(PHONE, 4000, 77, 0);
        latch.admit(PHONE, 4000, 77, 1000);

        assertThat(latch.admit(PHONE, 4444, 77, 2500)).as("latched source silent for only 1.5 s")
                .isEqualTo(Verdict.FOREIGN);
        assertThat(latch.admit(STRANGER, 4000, 99, 3500)).as("silent long enough, but another SSRC")
                .isEqualTo(Verdict.FOREIGN);
        assertThat(latch.admit(PHONE, 4444, 77, 3000)).as("NAT binding moved").isEqualTo(Verdict.RELATCHED);
        assertThat(latch.latched()).isEqualTo(new InetSocketAddress(PHONE, 4444));
        assertThat(latch.admit(PHONE, 4000, 77, 3020)).as("the old port is foreign now").isEqualTo(Verdict.FOREIGN);
    }

    @Test
    void followsAnSsrcChangeOfTheLatchedSource() {
        SourceLatch latch = new SourceLatch(null, 2000);
        latch.admit(PHONE, 4000, 1, 0);
        latch.admit(PHONE, 4000, 2, 20);

        assertThat(latch.admit(PHONE, 4002, 1, 5000)).isEqualTo(Verdict.FOREIGN);
        assertThat(latch.admit(PHONE, 4002, 2, 5000)).isEqualTo(Verdict.RELATCHED);
    }

    @Test
    void relatchingStillRequiresTheExpectedAddress() {
        SourceLatch latch = new SourceLatch(PHONE, 2000);
        latch.admit(PHONE, 4000, 5, 0);

        assertThat(latch.admit(STRANGER, 4000, 5, 10_000)).isEqualTo(Verdict.FOREIGN);
    }
}
