package io.ramal.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SIPp's cumulative counters, read from the last line of its statistics file ({@code -trace_stat
 * -stf}).
 *
 * <p>Only calls of the main scenario are counted; calls served by an out-of-call scenario are not.
 * {@link #counters()} holds every cumulative column by SIPp's name without the "(C)" suffix, e.g.
 * {@code counters().get("FailedMaxUDPRetrans")}.
 */
public record SippStatistics(
    long createdCalls, long successfulCalls, long failedCalls, long retransmissions, Map<String, String> counters) {

  public SippStatistics {
    counters = Map.copyOf(counters);
  }

  /** Parses a statistics file; empty if it does not exist or has no data line yet. */
  public static Optional<SippStatistics> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return parse(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the lines of a statistics file (';'-separated, header first, latest line last). */
  public static Optional<SippStatistics> parse(List<String> lines) {
    List<String> nonEmpty = lines.stream().filter(line -> !line.isBlank()).toList();
    if (nonEmpty.size() < 2) {
      return Optional.empty();
    }
    String[] names = nonEmpty.get(0).split(";", -1);
    String[] values = nonEmpty.get(nonEmpty.size() - 1).split(";", -1);
    Map<String, String> cumulative = new LinkedHashMap<>();
    for (int i = 0; i < names.length && i < values.length; i++) {
      String name = names[i].strip();
      if (name.endsWith("(C)")) {
        cumulative.put(name.substring(0, name.length() - 3), values[i].strip());
      }
    }
    return Optional.of(new SippStatistics(
        number(cumulative, "OutgoingCall") + number(cumulative, "IncomingCall"),
        number(cumulative, "SuccessfulCall"),
        number(cumulative, "FailedCall"),
        number(cumulative, "Retransmissions"),
        cumulative));
  }

  private static long number(Map<String, String> counters, String name) {
    String value = counters.get(name);
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException notANumber) {
      return 0;
    }
  }
}
