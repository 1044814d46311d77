package io.ramal.sip.message;

/** The CSeq header (RFC 3261 §20.16): a sequence number below 2^31 and a method. */
public record CSeq(long seq, String method) {
  public CSeq {
    if (seq < 0 || seq > 0x7fffffffL) throw new IllegalArgumentException("CSeq out of range: " + seq);
    if (!Grammar.isToken(method)) throw new IllegalArgumentException("bad CSeq method");
  }

  public static CSeq parse(String value) {
    ValueReader r = new ValueReader(value);
    r.skipWs();
    int number = r.skipToken("CSeq");
    long seq = Grammar.unsigned(value, number, r.position(), 0x7fffffffL);
    if (seq < 0) throw new MalformedException("CSeq number invalid or out of range");
    String method = r.token("CSeq method");
    r.skipWs();
    if (!r.atEnd()) throw new MalformedException("unexpected text in CSeq");
    return new CSeq(seq, method);
  }

  @Override
  public String toString() {
    return seq + " " + method;
  }
}
