package io.ramal.pbx.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LegHoldTest {
  private static final Optional<HoldOrigin> NOBODY = Optional.empty();
  private static final Optional<HoldOrigin> PHONE = Optional.of(HoldOrigin.PHONE);
  private static final Optional<HoldOrigin> SERVER = Optional.of(HoldOrigin.SERVER);

  @Test
  void aServerHoldHidesThePhonesOwnHoldAndResumeUntilItIsRetrieved() {
    LegHold hold = new LegHold();

    assertThat(hold.server(true)).isEqualTo(new LegHold.Change(NOBODY, SERVER));
    assertThat(hold.phone(true).moved()).as("the phone holds too: nothing to report").isFalse();
    assertThat(hold.phone(false).moved()).isFalse();
    assertThat(hold.phone(true).moved()).isFalse();
    assertThat(hold.server(false)).as("the phone's own hold shows once the server's ends")
        .isEqualTo(new LegHold.Change(SERVER, PHONE));
    assertThat(hold.phone(false)).isEqualTo(new LegHold.Change(PHONE, NOBODY));
  }

  @Test
  void aPhoneHoldIsReportedOnceAndARepeatedOfferChangesNothing() {
    LegHold hold = new LegHold();

    assertThat(hold.phone(true)).isEqualTo(new LegHold.Change(NOBODY, PHONE));
    assertThat(hold.phone(true).moved()).isFalse();
    assertThat(hold.phone(false)).isEqualTo(new LegHold.Change(PHONE, NOBODY));
    assertThat(hold.phone(false).moved()).isFalse();
  }

  @Test
  void theHeldPartyHearsMusicAndTheServerHolderHearsSilence() {
    LegHold holder = new LegHold();
    LegHold held = new LegHold();

    holder.server(true);
    assertThat(Hearing.of(held, holder)).isEqualTo(Hearing.MUSIC);
    assertThat(Hearing.of(holder, held)).isEqualTo(Hearing.SILENCE);
    held.phone(true);
    assertThat(Hearing.of(holder, held)).as("both hold: each hears the other's music").isEqualTo(Hearing.MUSIC);
    holder.server(false);
    held.phone(false);
    assertThat(Hearing.of(holder, held)).isEqualTo(Hearing.PEER);
    assertThat(Hearing.of(held, holder)).isEqualTo(Hearing.PEER);
  }
}
