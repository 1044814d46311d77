package io.ramal.sip.auth;

import java.time.Instant;
import java.util.Objects;

/** What a nonce's signature and age say about it, before any replay check. */
public sealed interface NonceValidity {

  /** Issued by us for this realm and younger than the lifetime. */
  record Valid(Instant issuedAt) implements NonceValidity {
    public Valid {
      Objects.requireNonNull(issuedAt, "issuedAt");
    }
  }

  /** Issued by us for this realm but older than the lifetime. */
  record Expired(Instant issuedAt) implements NonceValidity {
    public Expired {
      Objects.requireNonNull(issuedAt, "issuedAt");
    }
  }

  /** Not a nonce we issued for this realm (malformed, tampered or from another realm or key). */
  record Invalid(String reason) implements NonceValidity {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
