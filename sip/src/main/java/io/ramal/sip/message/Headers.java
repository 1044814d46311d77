package io.ramal.sip.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The header fields of a message, in order, immutable. Names are canonical (compact forms
 * expanded). {@link #values} splits list headers at top-level commas.
 */
public final class Headers implements Iterable<Header> {
  public static final Headers EMPTY = new Headers(List.of());
  private final List<Header> fields;

  private Headers(List<Header> fields) {
    this.fields = fields;
  }

  public static Headers of(List<Header> fields) {
    return new Headers(List.copyOf(fields));
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
