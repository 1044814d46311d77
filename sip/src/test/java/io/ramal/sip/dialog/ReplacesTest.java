package io.ramal.sip.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.sip.message.Address;
import io.ramal.sip.message.SipUri;
import org.junit.jupiter.api.Test;

class ReplacesTest {
  @Test
  void parsesTheRfc3891ExampleIntoTheDialogItNamesOnTheReceivingSide() {
    Replaces r = Replaces.parse("425928@bobster.example.org;to-tag=7743;from-tag=6472");

    assertThat(r.callId()).isEqualTo("425928@bobster.example.org");
    assertThat(r.toTag()).isEqualTo("7743");
    assertThat(r.fromTag()).isEqualTo("6472");
    assertThat(r.earlyOnly()).isFalse();
    assertThat(r.dialog()).isEqualTo(new DialogId("425928@bobster.example.org", "7743", "6472"));
  }

  @Test
  void readsEarlyOnlyParametersInAnyOrderAndSpacing() {
    Replaces r = Replaces.parse("98732@sip.example.com ; from-tag = r33th4x0r ; early-only ; To-Tag=ff87ff");

    assertThat(r).isEqualTo(new Replaces("98732@sip.example.com", "ff87ff", "r33th4x0r", true));
  }

  @Test
  void roundTripsThroughItsText() {
    Replaces r = new Replaces("a1~s0", "t.1", "f-2", true);

    assertThat(r.toString()).isEqualTo("a1~s0;to-tag=t.1;from-tag=f-2;early-only");
    assertThat(Replaces.parse(r.toString())).isEqualTo(r);
  }

  @Test
  void keepsNoUnknownParameterButAcceptsThem() {
    assertThat(Replaces.parse("c@h;to-tag=1;x=y;from-tag=2;flag").toString()).isEqualTo("c@h;to-tag=1;from-tag=2");
  }

  @Test
  void refusesValuesOutsideTheGrammar() {
    for (String bad : new String[] {"", "c@h", "c@h;to-tag=1", "c@h;from-tag=2", "c@h;to-tag=1;to-tag=3;from-tag=2",
        "c@h;to-tag=;from-tag=2", "c@h;to-tag=1;from-tag=2;early-only=yes", "c h;to-tag=1;from-tag=2",
        "c@h@i;to-tag=1;from-tag=2", "c@h;to-tag=a b;from-tag=2", "c@h;;to-tag=1;from-tag=2"}) {
      assertThatThrownBy(() -> Replaces.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void comesEscapedInsideAReferToUri() {
    Address referTo = Address.parse(
        "<sip:1003@pbx.example.com?Replaces=c2-17%40127.0.0.1%3Bto-tag%3Dr4m%3Bfrom-tag%3Da%2B1%3Bearly-only>");
    SipUri uri = (SipUri) referTo.uri();

    Replaces r = Replaces.parse(uri.header("Replaces").orElseThrow());

    assertThat(r).isEqualTo(new Replaces("c2-17@127.0.0.1", "r4m", "a+1", true));
    assertThat(uri.userDecoded()).isEqualTo("1003");
  }
}
