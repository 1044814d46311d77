package io.ramal.sip.message;

/**
 * Thrown inside the parsing code only; {@link SipParser} turns it into a {@link ParseResult.Malformed}
 * value and typed accessors document it. Never escapes a transport.
 */
public final class MalformedException extends RuntimeException {
  private final int status;

  public MalformedException(String reason) {
    this(400, reason);
  }

  public MalformedException(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  /** The SIP status a request carrying this defect deserves (400, or 505 for a bad version). */
  public int status() {
    return status;
  }
}
