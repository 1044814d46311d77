package io.ramal.sip.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Outcome of parsing or building a digest value: either the value or a human-readable reason
 * why there is none. Never thrown.
 *
 * @param <T> the value type
 */
public sealed interface DigestResult<T> permits DigestResult.Success, DigestResult.Failure {

  /** The value, or empty on failure. */
  Optional<T> value();

  static <T> DigestResult<T> success(T value) {
    return new Success<>(value);
  }

  static <T> DigestResult<T> failure(String reason) {
    return new Failure<>(reason);
  }

  /** A value was produced. */
  record Success<T>(T result) implements DigestResult<T> {
    public Success {
      Objects.requireNonNull(result, "result");
    }

    @Override
    public Optional<T> value() {
      return Optional.of(result);
    }
  }

  /** No value; {@code reason} says why (for logs and for a SIP reason phrase). */
  record Failure<T>(String reason) implements DigestResult<T> {
    public Failure {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Optional<T> value() {
      return Optional.empty();
    }
  }
}
