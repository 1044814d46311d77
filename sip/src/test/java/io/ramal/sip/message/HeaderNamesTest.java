package io.ramal.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderNamesTest {

  @Test
  void givesTheCanonicalInstanceForAnySpellingOfAKnownName() {
    assertThat(HeaderNames.canonical("call-id")).isSameAs(HeaderNames.CALL_ID);
    assertThat(HeaderNames.canonical("CALL-ID")).isSameAs(HeaderNames.CALL_ID);
    assertThat(HeaderNames.canonical(new String("Via"))).isSameAs(HeaderNames.VIA);
    assertThat(HeaderNames.canonical("www-authenticate")).isSameAs(HeaderNames.WWW_AUTHENTICATE);
    assertThat(HeaderNames.canonical("p-asserted-identity")).isEqualTo("P-Asserted-Identity");
  }

  @Test
  void expandsCompactFormsInEitherCase() {
    assertThat(HeaderNames.canonical("i")).isSameAs(HeaderNames.CALL_ID);
    assertThat(HeaderNames.canonical("V")).isSameAs(HeaderNames.VIA);
    assertThat(HeaderNames.canonical("k")).isSameAs(HeaderNames.SUPPORTED);
    assertThat(HeaderNames.canonical("q")).isEqualTo("q");
  }

  @Test
  void keepsUnknownNamesAsWritten() {
    String name = "X-Custom-Thing";
    assertThat(HeaderNames.canonical(name)).isSameAs(name);
    assertThat(HeaderNames.canonical("")).isEmpty();
    String longName = "Via-" + "x".repeat(40);
    assertThat(HeaderNames.canonical(longName)).isSameAs(longName);
  }

  @Test
  void lowerCasesNonAsciiNamesAsLocaleRootDoes() {
    // U+212A KELVIN SIGN lower-cases to 'k', the compact form of Supported.
    assertThat(HeaderNames.canonical("\u212a")).isSameAs(HeaderNames.SUPPORTED);
    assertThat(HeaderNames.canonical("\u212aontact")).isEqualTo("\u212aontact");
    assertThat(HeaderNames.canonical("Vi\u00e1")).isEqualTo("Vi\u00e1");
  }
}
