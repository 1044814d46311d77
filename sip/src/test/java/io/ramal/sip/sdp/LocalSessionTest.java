package io.ramal.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalSessionTest {
    static final Connection US = Connection.of("127.0.0.1");

    @Test
    void raisesTheVersionOnlyWhenTheDescriptionChanges() {
        LocalSession s = LocalSession.start(Origin.of(500, US));
        SessionDescription first = OfferAnswer.offer(AudioCapabilities.g711(), Origin.of(1, US), US, 30000,
                Direction.SENDRECV);

        LocalSession.Stamped a = s.stamp(first);
        LocalSession.Stamped again = a.session().stamp(first);
        LocalSession.Stamped hold = again.session().stamp(first.withMedia(java.util.List.of(
                first.media().get(0).withDirection(Direction.SENDONLY))));
        LocalSession.Stamped resume = hold.session().stamp(first);

        assertThat(a.description().origin().sessionVersion()).isEqualTo("500");
        assertThat(again.description().origin().sessionVersion()).isEqualTo("500");
        assertThat(hold.description().origin().sessionVersion()).isEqualTo("501");
        assertThat(resume.description().origin().sessionVersion()).isEqualTo("502");
        assertThat(resume.description().origin().sessionId()).isEqualTo("500");
    }

    @Test
    void countsBeyondSixtyFourBits() {
        Origin o = new Origin("-", "1", "18446744073709551615", US);

        assertThat(o.nextVersion().sessionVersion()).isEqualTo("18446744073709551616");
        assertThatThrownBy(() -> new Origin("-", "1", "v1", US).nextVersion()).isInstanceOf(IllegalStateException.class);
    }
}
