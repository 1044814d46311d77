package io.ramal.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An ordered list of {@code ;name[=value]} parameters. Names compare case-insensitively; values are
 * kept as written (quoted values keep their quotes). A flag parameter has an empty value.
 */
public record Parameters(List<Param> list) {
  public static final Parameters NONE = new Parameters(List.of());

  public record Param(String name, String value) {
    public Param {
      if (name.isEmpty()) throw new IllegalArgumentException("empty parameter name");
    }

    boolean is(String other) {
      return name.equalsIgnoreCase(other);
    }
  }

  public Parameters {
    list = List.copyOf(list);
  }

  public boolean has(String name) {
    for (Param p : list) if (p.is(name)) return true;
    return false;
  }

  /** The value (empty for a flag), or empty when absent. Quoted values are returned unquoted. */
  public Optional<String> get(String name) {
    for (Param p : list) if (p.is(name)) return Optional.of(ValueReader.unquote(p.value()));
    return Optional.empty();
  }

  public Parameters with(String name, String value) {
    List<Param> out = new ArrayList<>(list.size() + 1);
    boolean replaced = false;
    for (Param p : list) {
      if (p.is(name)) {
        if (!replaced) out.add(new Param(p.name(), value));
        replaced = true;
      } else {
        out.add(p);
      }
    }
    if (!replaced) out.add(new Param(name, value));
    return new Parameters(out);
  }

  public Parameters without(String name) {
    if (!has(name)) return this;
    List<Param> out = new ArrayList<>(list.size());
    for (Param p : list) if (!p.is(name)) out.add(p);
    return new Parameters(out);
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  void appendTo(StringBuilder b) {
    for (Param p : list) {
      b.append(';').append(p.name());
      if (!p.value().isEmpty()) b.append('=').append(p.value());
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    appendTo(b);
    return b.toString();
  }

  /**
   * Reads header parameters ({@code *( SEMI generic-param )}) from the reader's position to the end
   * of the value or a comma. Values are tokens, hosts or quoted strings.
   */
  static Parameters readHeaderParams(ValueReader r, String what) {
    List<Param> out = new ArrayList<>(2);
    while (r.accept(';')) {
      String name = r.token(what + " parameter");
      String value = "";
      if (r.accept('=')) {
        r.skipWs();
        if (r.peek() == '"') {
          value = r.quoted(what + " parameter");
        } else {
          value = readParamValue(r, what);
        }
      }
      out.add(new Param(name, value));
    }
    return out.isEmpty() ? NONE : new Parameters(out);
  }

  private static String readParamValue(ValueReader r, String what) {
    r.skipWs();
    int start = r.position();
    String s = r.source();
    int p = start;
    if (p < s.length() && s.charAt(p) == '[') {
      int close = s.indexOf(']', p);
      if (close < 0) throw new MalformedException("unterminated IPv6 reference in " + what);
      p = close + 1;
    } else {
      while (p < s.length() && (Grammar.isToken(s.charAt(p)) || s.charAt(p) == ':')) p++;
    }
    if (p == start) throw new MalformedException("empty parameter value in " + what);
    r.position(p);
    return s.substring(start, p);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
