package io.ramal.pbx.speech;

import java.util.List;

/**
 * Brazilian Portuguese: "dezesseis", "quarenta", "quarenta e dois" (tens "e" unit). Masculine forms
 * ("um", "dois"), which fit both a position ("número um") and minutes ("um minuto").
 */
public record PortugueseNumbers() implements NumberWords {
  private static final List<String> UNDER_TWENTY = List.of("", "um", "dois", "tres", "quatro", "cinco", "seis", "sete",
      "oito", "nove", "dez", "onze", "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete", "dezoito",
      "dezenove");
  private static final List<String> TENS = List.of("", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta",
      "setenta", "oitenta", "noventa");

  @Override
  public List<String> alone(int n) {
    NumberWords.checked(n);
    if (n < 20) return List.of(UNDER_TWENTY.get(n));
    if (n % 10 == 0) return List.of(TENS.get(n / 10));
    return List.of(TENS.get(n / 10), "e", UNDER_TWENTY.get(n % 10));
  }
}
