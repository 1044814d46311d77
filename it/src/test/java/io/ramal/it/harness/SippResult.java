package io.ramal.it.harness;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a SIPp run ended: its exit code, whether the harness had to kill it, its logs and its
 * statistics.
 *
 * <p>SIPp's exit codes: 0 every call of the main scenario succeeded; 1 at least one failed; 97
 * stopped by an internal command (the bundled callee scenarios use it when a message is
 * unexpected); 99 ended without processing a call; 255 fatal error; 254 could not bind its socket.
 *
 * <pre>{@code
 * SippResult result = caller.awaitExit(Duration.ofSeconds(20));
 * assertThat(result.succeeded()).as(result.describe()).isTrue();
 * // or: result.requireSuccess();
 * }</pre>
 *
 * @param command the command line that ran
 * @param exitCode the process exit code (after a kill when {@code timedOut})
 * @param timedOut whether the harness killed SIPp because it outlived the wait
 * @param stdout SIPp's screen output (its last screens)
 * @param stderr SIPp's standard error
 * @param errorLog the {@code -trace_err} file: unexpected messages, aborted calls
 * @param actionLog the {@code -trace_logs} file: lines written by {@code <log>} actions
 * @param messageLog the {@code -trace_msg} file: every message sent and received (empty if off)
 * @param statistics the final cumulative counters, if SIPp wrote them
 * @param workDir where SIPp ran; kept after a failure for inspection
 */
public record SippResult(
    List<String> command,
    int exitCode,
    boolean timedOut,
    String stdout,
    String stderr,
    String errorLog,
    String actionLog,
    String messageLog,
    Optional<SippStatistics> statistics,
    Path workDir) {

  private static final int TAIL = 6000;

  public SippResult {
    command = List.copyOf(command);
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(errorLog, "errorLog");
    Objects.requireNonNull(actionLog, "actionLog");
    Objects.requireNonNull(messageLog, "messageLog");
    Objects.requireNonNull(statistics, "statistics");
    Objects.requireNonNull(workDir, "workDir");
  }

  /** SIPp exited by itself with 0: every call of the main scenario succeeded. */
  public boolean succeeded() {
    return !timedOut && exitCode == 0;
  }

  /** This result, or an {@link AssertionError} carrying {@link #describe()} if it did not succeed. */
  public SippResult requireSuccess() {
    if (!succeeded()) {
      throw new AssertionError("SIPp did not succeed\n" + describe());
    }
    return this;
  }

  /** A multi-line report for assertion messages: command, outcome, counters and log tails. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append("command: ").append(String.join(" ", command)).append('\n');
    out.append(timedOut ? "killed after the wait timed out" : "exit code " + exitCode).append('\n');
    statistics.ifPresent(s -> out.append("calls: created ").append(s.createdCalls())
        .append(", successful ").append(s.successfulCalls())
        .append(", failed ").append(s.failedCalls())
        .append(", retransmissions ").append(s.retransmissions()).append('\n'));
    out.append("work dir: ").append(workDir).append('\n');
    section(out, "stderr", stderr);
    section(out, "error log", errorLog);
    section(out, "action log", actionLog);
    section(out, "message log", messageLog);
    if (errorLog.isBlank() && messageLog.isBlank()) {
      section(out, "screen", stdout);
    }
    return out.toString();
  }

  private static void section(StringBuilder out, String title, String text) {
    if (text.isBlank()) {
      return;
    }
    out.append("--- ").append(title).append(" ---\n");
    out.append(text.length() > TAIL ? "[...]" + text.substring(text.length() - TAIL) : text);
    if (!text.endsWith("\n")) {
      out.append('\n');
    }
  }
}
