package io.ramal.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SipUriHeadersTest {
  @Test
  void findsAHeaderByNameWhateverItsCaseAndDecodesItsValue() {
    SipUri uri = SipUri.parse("sip:c@h?Subject=hi%20there&replaces=x%40y%3Bto-tag%3D1&Priority=urgent");

    assertThat(uri.header("Replaces")).contains("x@y;to-tag=1");
    assertThat(uri.header("subject")).contains("hi there");
    assertThat(uri.header("priority")).contains("urgent");
    assertThat(uri.header("Accept")).isEmpty();
  }

  @Test
  void aUriWithoutHeadersHasNone() {
    assertThat(SipUri.parse("sip:c@h;transport=tcp").header("Replaces")).isEmpty();
  }

  @Test
  void decodesMultiByteEscapesAsUtf8() {
    assertThat(SipUri.parse("sip:c@h?Subject=caf%C3%A9").header("Subject")).contains("café");
  }

  @Test
  void aBrokenEscapeIsMalformed() {
    SipUri uri = SipUri.parse("sip:c@h?Replaces=abc%4");

    assertThatThrownBy(() -> uri.header("Replaces")).isInstanceOf(MalformedException.class);
  }
}
