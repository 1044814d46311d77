package io.ramal.sip.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The header fields of a message, in order, immutable. Names are canonical (compact forms
 * expanded). {@link #values} splits list headers at top-level commas.
 *
 * <p>The typed values behind {@link SipMessage}'s accessors (Call-ID, CSeq, From, To, Via,
 * Contact, Route, Record-Route) are kept here once parsed: {@link SipParser} stores the first five
 * as it validates them, and otherwise the first successful call stores them.
 * They depend on the fields only, so messages sharing these headers share them too. Each kept
 * value is immutable (records, unmodifiable lists), so a thread that races another through a
 * cache field sees either nothing, and parses its own equal copy, or a complete value.
 */
public final class Headers implements Iterable<Header> {
  public static final Headers EMPTY = new Headers(List.of());
  private final List<Header> fields;

  private String callId;
  private CSeq cseq;
  private Address from;
  private Address to;
  private List<Via> vias;
  /** 0 not known yet, 1 no, 2 yes: whether Contact is the single value {@code *}. */
  private byte contactWildcard;
  private List<Address> contacts;
  private List<Address> routes;
  private List<Address> recordRoutes;

  private Headers(List<Header> fields) {
    this.fields = fields;
  }

  public static Headers of(List<Header> fields) {
    return new Headers(List.copyOf(fields));
  }

  /** Headers over a list the caller has already made unmodifiable. */
  static Headers ofParsed(List<Header> unmodifiable) {
    return new Headers(unmodifiable);
  }

  /** Stores the typed values the parser read while validating. */
  void keep(String callId, CSeq cseq, List<Via> vias, Address from, Address to, boolean contactWildcard) {
    this.callId = callId;
    this.cseq = cseq;
    this.vias = vias;
    this.from = from;
    this.to = to;
    this.contactWildcard = contactWildcard ? (byte) 2 : (byte) 1;
  }

  String callId() {
    String v = callId;
    if (v == null) callId = v = required(HeaderNames.CALL_ID).strip();
    return v;
  }

  CSeq cseq() {
    CSeq v = cseq;
    if (v == null) cseq = v = CSeq.parse(required(HeaderNames.CSEQ));
    return v;
  }

  Address from() {
    Address v = from;
    if (v == null) from = v = Address.parse(required(HeaderNames.FROM));
    return v;
  }

  Address to() {
    Address v = to;
    if (v == null) to = v = Address.parse(required(HeaderNames.TO));
    return v;
  }

  private String required(String name) {
    return first(name).orElseThrow(() -> new MalformedException("missing " + name));
  }

  List<Via> vias() {
    List<Via> v = vias;
    if (v == null) {
      List<String> values = values(HeaderNames.VIA);
      Via[] parsed = new Via[values.size()];
      for (int i = 0; i < parsed.length; i++) parsed[i] = Via.parse(values.get(i));
      vias = v = List.of(parsed);
    }
    return v;
  }

  /** The top Via; parses only that one when the Via list is not known yet. */
  Via topVia() {
    List<Via> v = vias;
    if (v != null) {
      if (v.isEmpty()) throw new MalformedException("missing Via");
      return v.get(0);
    }
    List<String> values = values(HeaderNames.VIA);
    if (values.isEmpty()) throw new MalformedException("missing Via");
    return Via.parse(values.get(0));
  }

  boolean isContactWildcard() {
    byte w = contactWildcard;
    if (w == 0) {
      List<String> values = values(HeaderNames.CONTACT);
      contactWildcard = w = values.size() == 1 && values.get(0).equals("*") ? (byte) 2 : (byte) 1;
    }
    return w == 2;
  }

  /** Address values of a header; kept for Contact, Route and Record-Route. */
  List<Address> addresses(String headerName) {
    String c = HeaderNames.canonical(headerName);
    if (c == HeaderNames.CONTACT) {
      List<Address> v = contacts;
      if (v == null) contacts = v = parseAddresses(c);
      return v;
    }
    if (c == HeaderNames.ROUTE) {
      List<Address> v = routes;
      if (v == null) routes = v = parseAddresses(c);
      return v;
    }
    if (c == HeaderNames.RECORD_ROUTE) {
      List<Address> v = recordRoutes;
      if (v == null) recordRoutes = v = parseAddresses(c);
      return v;
    }
    return parseAddresses(c);
  }

  private List<Address> parseAddresses(String canonicalName) {
    List<String> values = values(canonicalName);
    Address[] parsed = new Address[values.size()];
    for (int i = 0; i < parsed.length; i++) parsed[i] = Address.parse(values.get(i));
    return List.of(parsed);
  }

  public static Builder builder() {
    return new Builder(new ArrayList<>());
  }

  public Builder toBuilder() {
    return new Builder(new ArrayList<>(fields));
  }

  public List<Header> fields() {
    return fields;
  }

  public boolean has(String name) {
    for (Header h : fields) if (h.is(name)) return true;
    return false;
  }

  /** The raw value of the first field with this name. */
  public Optional<String> first(String name) {
    for (Header h : fields) if (h.is(name)) return Optional.of(h.value());
    return Optional.empty();
  }

  /** Number of fields with this name (not of list elements). */
  public int count(String name) {
    int n = 0;
    for (Header h : fields) if (h.is(name)) n++;
    return n;
  }

  /** Every value of this header; list headers are split at top-level commas. */
  public List<String> values(String name) {
    String canonical = HeaderNames.canonical(name);
    boolean list = HeaderNames.isList(canonical);
    List<String> out = null;
    for (Header h : fields) {
      if (!h.is(canonical)) continue;
      if (out == null) out = new ArrayList<>(2);
      if (list) splitList(h.value(), out);
      else out.add(h.value());
    }
    return out == null ? List.of() : Collections.unmodifiableList(out);
  }

  static void splitList(String value, List<String> out) {
    if (value.indexOf(',') < 0) {
      // No comma at all, so no separator either: the usual single value.
      String part = value.strip();
      if (!part.isEmpty()) out.add(part);
      return;
    }
    ValueReader r = new ValueReader(value);
    while (true) {
      String part = r.until(",").strip();
      if (!part.isEmpty()) out.add(part);
      if (r.atEnd()) return;
      r.position(r.position() + 1);
    }
  }

  public Headers with(String name, String value) {
    return toBuilder().set(name, value).build();
  }

  public Headers without(String name) {
    return toBuilder().remove(name).build();
  }

  public int size() {
    return fields.size();
  }

  @Override
  public Iterator<Header> iterator() {
    return fields.iterator();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers h && h.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Header h : fields) b.append(h.name()).append(": ").append(h.value()).append("\r\n");
    return b.toString();
  }

  /** Mutable assembly of header fields; {@link #build} freezes them. */
  public static final class Builder {
    private final List<Header> fields;

    private Builder(List<Header> fields) {
      this.fields = fields;
    }

    public Builder add(String name, String value) {
      fields.add(new Header(HeaderNames.canonical(name), value));
      return this;
    }

    public Builder add(String name, Object value) {
      return add(name, value.toString());
    }

    /** Inserts before every existing field (a new top Via, a new Record-Route). */
    public Builder prepend(String name, String value) {
      String c = HeaderNames.canonical(name);
      int at = 0;
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).is(c)) {
          at = i;
          break;
        }
        at = i + 1;
      }
      fields.add(Math.min(at, fields.size()), new Header(c, value));
      return this;
    }

    /** Replaces every field of this name by one, in the position of the first. */
    public Builder set(String name, String value) {
      String c = HeaderNames.canonical(name);
      int at = -1;
      for (int i = fields.size() - 1; i >= 0; i--) {
        if (fields.get(i).is(c)) {
          fields.remove(i);
          at = i;
        }
      }
      Header h = new Header(c, value);
      if (at < 0) fields.add(h);
      else fields.add(at, h);
      return this;
    }

    public Builder set(String name, Object value) {
      return set(name, value.toString());
    }

    public Builder remove(String name) {
      String c = HeaderNames.canonical(name);
      fields.removeIf(h -> h.is(c));
      return this;
    }

    /** Removes the first value of a list header (the top Via of a response, a consumed Route). */
    public Builder removeFirstValue(String name) {
      String c = HeaderNames.canonical(name);
      for (int i = 0; i < fields.size(); i++) {
        Header h = fields.get(i);
        if (!h.is(c)) continue;
        List<String> parts = new ArrayList<>(2);
        splitList(h.value(), parts);
        fields.remove(i);
        if (parts.size() > 1) fields.add(i, new Header(c, String.join(", ", parts.subList(1, parts.size()))));
        return this;
      }
      return this;
    }

    public Builder copy(Headers from, String name) {
      String c = HeaderNames.canonical(name);
      for (Header h : from.fields) if (h.is(c)) fields.add(h);
      return this;
    }

    public Headers build() {
      return new Headers(List.copyOf(fields));
    }
  }
}
