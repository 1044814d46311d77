package io.ramal.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIPp scenario: one built into the SIPp binary ({@code -sn uac}) or an XML file from this
 * module's test resources under {@code /sipp/} ({@code -sf}).
 *
 * <p>Resource scenarios may be templates: {@code ${name}} placeholders are replaced with
 * {@link Resource#with(String, String)} values when the file is copied to SIPp's work directory
 * (SIPp's own keywords such as {@code [service]} are left alone). The factories below name the
 * scenarios this module ships; see each XML file's header comment for its message flow.
 *
 * <pre>{@code
 * SippScenario.builtIn("uas");
 * SippScenario.uacExpectStatus(486);                 // uac-expect-status.xml with ${status}=486
 * SippScenario.resource("peer/registrar.xml");       // any file under /sipp/
 * }</pre>
 */
public sealed interface SippScenario {

  /** How the scenario's first request addresses its target; used to set SIPp's digest URI. */
  enum RequestTarget {
    /** No digest-authenticated request, or one whose URI SIPp's default suits. */
    NONE,
    /** {@code sip:<domain>} (REGISTER). */
    DOMAIN,
    /** {@code sip:<service>@<domain>} (INVITE to the callee). */
    SERVICE_AT_DOMAIN
  }

  /** A name for logs and file names. */
  String name();

  /**
   * Adds the SIPp arguments that select this scenario, copying resource files into {@code workDir}.
   *
   * @param option {@code -sf} for the main scenario, {@code -oocsf} for the out-of-call one
   */
  void addArguments(List<String> command, String option, Path workDir);

  /** The digest URI SIPp should use for this scenario, if it authenticates a request. */
  default Optional<String> digestUri(String service, String domain) {
    return Optional.empty();
  }

  /** A scenario built into SIPp, e.g. "uac", "uas". */
  public static SippScenario builtIn(String name) {
    return new BuiltIn(name);
  }

  /** An XML file under the {@code /sipp/} test resources, e.g. "uac-digest.xml". */
  public static Resource resource(String path) {
    return new Resource(path, Map.of(), RequestTarget.NONE);
  }

  /** REGISTER with digest: 401, then 200. Needs {@code accounts} and {@code domain}. */
  static Resource registerDigest() {
    return new Resource("register-digest.xml", Map.of(), RequestTarget.DOMAIN);
  }

  /** REGISTER with digest, then serve calls through an out-of-call scenario. */
  public static Resource registerAndServe() {
    return registerAndServe("message-summary");
  }

  /** The same, its REGISTER listing {@code events} in Allow-Events. */
  public static Resource registerAndServe(String events) {
    return new Resource("register-and-serve.xml", Map.of("events", events), RequestTarget.DOMAIN);
  }

  /** Caller with digest that completes a call and hangs up. */
  static Resource uacDigest() {
    return new Resource("uac-digest.xml", Map.of(), RequestTarget.SERVICE_AT_DOMAIN);
  }

  /** Caller with digest that cancels while ringing. */
  static Resource uacCancelDigest() {
    return new Resource("uac-cancel-digest.xml", Map.of(), RequestTarget.SERVICE_AT_DOMAIN);
  }

  /** Caller with digest whose call must fail with {@code status}. */
  static Resource uacExpectStatus(int status) {
    return new Resource("uac-expect-status.xml", Map.of(), RequestTarget.SERVICE_AT_DOMAIN)
        .with("status", Integer.toString(checkedStatus(status)));
  }

  /** Callee that rings, answers (after {@code -d} ms) and waits for BYE. */
  static Resource uasAnswer() {
    return resource("uas-answer.xml");
  }

  /** Callee that rejects every INVITE with {@code status reason}. */
  static Resource uasReject(int status, String reason) {
    return resource("uas-reject.xml")
        .with("status", Integer.toString(checkedStatus(status)))
        .with("reason", reason);
  }

  /** Callee that rings until told to answer by a NOTIFY with Event: talk. */
  static Resource uasAnswerOnTalk() {
    return resource("uas-answer-on-talk.xml");
  }

  /** Callee that rings until the call is cancelled. */
  static Resource uasRingForever() {
    return resource("uas-ring-forever.xml");
  }

  private static int checkedStatus(int status) {
    if (status < 300 || status > 699) {
      throw new IllegalArgumentException("not a final error status: " + status);
    }
    return status;
  }

  /** A scenario built into the SIPp binary. */
  record BuiltIn(String name) implements SippScenario {
    public BuiltIn {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public void addArguments(List<String> command, String option, Path workDir) {
      command.add(option.equals("-sf") ? "-sn" : "-oocsn");
      command.add(name);
    }
  }

  /** An XML scenario from the test resources, with template values. */
  record Resource(String path, Map<String, String> values, RequestTarget target) implements SippScenario {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9 ._+-]*");

    public Resource {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(target, "target");
      values = Map.copyOf(values);
    }

    /** This scenario with {@code ${key}} replaced by {@code value} (letters, digits, space, "._+-"). */
    public Resource with(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (!SAFE_VALUE.matcher(value).matches()) {
        throw new IllegalArgumentException("template value not allowed: " + value);
      }
      Map<String, String> next = new LinkedHashMap<>(values);
      next.put(key, value);
      return new Resource(path, next, target);
    }

    @Override
    public String name() {
      String file = path.substring(path.lastIndexOf('/') + 1);
      return file.endsWith(".xml") ? file.substring(0, file.length() - 4) : file;
    }

    @Override
    public Optional<String> digestUri(String service, String domain) {
      return switch (target) {
        case NONE -> Optional.empty();
        case DOMAIN -> Optional.of(domain);
        case SERVICE_AT_DOMAIN -> Optional.of(service + "@" + domain);
      };
    }

    @Override
    public void addArguments(List<String> command, String option, Path workDir) {
      Path file = workDir.resolve(option.substring(1) + "-" + name() + ".xml");
      try {
        Files.writeString(file, render(), StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      command.add(option);
      command.add(file.toString());
    }

    /** The scenario text with every placeholder replaced; fails on a placeholder without value. */
    public String render() {
      String text = read();
      Matcher matcher = PLACEHOLDER.matcher(text);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        String value = values.get(matcher.group(1));
        if (value == null) {
          throw new IllegalStateException(path + " needs a value for ${" + matcher.group(1) + "}");
        }
        matcher.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      matcher.appendTail(out);
      return out.toString();
    }

    private String read() {
      try (InputStream in = SippScenario.class.getResourceAsStream("/sipp/" + path)) {
        if (in == null) {
          throw new IllegalArgumentException("no SIPp scenario resource /sipp/" + path);
        }
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
