package io.ramal.sip.message;

import java.util.ArrayList;
import java.util.Arrays;
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

  /** Parameters of the first {@code count} entries of {@code params} (which may be null when 0). */
  static Parameters of(Param[] params, int count) {
    return switch (count) {
      case 0 -> NONE;
      case 1 -> new Parameters(List.of(params[0]));
      case 2 -> new Parameters(List.of(params[0], params[1]));
      default -> new Parameters(List.of(Arrays.copyOf(params, count)));
    };
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
   * of the value or a comma. Values are tokens, hosts or quoted strings. Leaves the reader after
   * the whitespace that follows the last parameter.
   */
  static Parameters readHeaderParams(ValueReader r, String what) {
    String s = r.source();
    int n = s.length();
    int p = skipWs(s, r.position());
    Param p0 = null;
    Param p1 = null;
    Param[] more = null;
    int count = 0;
    while (p < n && s.charAt(p) == ';') {
      p = skipWs(s, p + 1);
      int ns = p;
      while (p < n && Grammar.isToken(s.charAt(p))) p++;
      if (p == ns) throw new MalformedException("expected a token in " + what + " parameter");
      String name = Tokens.of(s, ns, p);
      String value = "";
      p = skipWs(s, p);
      if (p < n && s.charAt(p) == '=') {
        p = skipWs(s, p + 1);
        int vs = p;
        if (p < n && s.charAt(p) == '"') {
          p = ValueReader.quotedEnd(s, p);
          if (p < 0) throw new MalformedException("unterminated quoted string in " + what + " parameter");
          value = s.substring(vs, p);
        } else {
          if (p < n && s.charAt(p) == '[') {
            int close = s.indexOf(']', p);
            if (close < 0) throw new MalformedException("unterminated IPv6 reference in " + what);
            p = close + 1;
          } else {
            while (p < n && (Grammar.isToken(s.charAt(p)) || s.charAt(p) == ':')) p++;
          }
          if (p == vs) throw new MalformedException("empty parameter value in " + what);
          value = Tokens.of(s, vs, p);
        }
        p = skipWs(s, p);
      }
      Param param = new Param(name, value);
      switch (count++) {
        case 0 -> p0 = param;
        case 1 -> p1 = param;
        default -> {
          if (more == null) more = new Param[] {p0, p1, null, null};
          else if (count > more.length) more = Arrays.copyOf(more, more.length * 2);
          more[count - 1] = param;
        }
      }
    }
    r.position(p);
    return switch (count) {
      case 0 -> NONE;
      case 1 -> new Parameters(List.of(p0));
      case 2 -> new Parameters(List.of(p0, p1));
      default -> of(more, count);
    };
  }

  private static int skipWs(String s, int p) {
    while (p < s.length() && Grammar.isWs(s.charAt(p))) p++;
    return p;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
