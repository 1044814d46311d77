package io.ramal.pbx.registrar;

import java.time.Duration;

/** Expiry bounds of the registrar and how many contacts one extension may register. */
public record RegistrationPolicy(Duration minExpires, Duration maxExpires, Duration defaultExpires, int maxContacts) {
  public static final RegistrationPolicy DEFAULTS =
      new RegistrationPolicy(Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofHours(1), 10);
}
