package io.ramal.pbx.speech;

import java.util.List;

/**
 * Spanish: one word up to thirty ("dieciséis", "veintidós"), then tens "y" unit ("cuarenta y dos").
 * Before a masculine noun "uno" drops its "o": "un minuto", "veintiún minutos", "treinta y un minutos".
 */
public record SpanishNumbers() implements NumberWords {
  private static final List<String> UNDER_THIRTY = List.of("", "uno", "dos", "tres", "cuatro", "cinco", "seis",
      "siete", "ocho", "nueve", "diez", "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete",
      "dieciocho", "diecinueve", "veinte", "veintiuno", "veintidos", "veintitres", "veinticuatro", "veinticinco",
      "veintiseis", "veintisiete", "veintiocho", "veintinueve");
  private static final List<String> TENS = List.of("", "", "", "treinta", "cuarenta", "cincuenta", "sesenta",
      "setenta", "ochenta", "noventa");

  @Override
  public List<String> alone(int n) {
    NumberWords.checked(n);
    if (n < 30) return List.of(UNDER_THIRTY.get(n));
    if (n % 10 == 0) return List.of(TENS.get(n / 10));
    return List.of(TENS.get(n / 10), "y", UNDER_THIRTY.get(n % 10));
  }

  @Override
  public List<String> beforeNoun(int n) {
    NumberWords.checked(n);
    if (n == 1) return List.of("un");
    if (n == 21) return List.of("veintiun");
    if (n > 30 && n % 10 == 1) return List.of(TENS.get(n / 10), "y", "un");
    return alone(n);
  }
}
