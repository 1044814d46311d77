package io.ramal.server.config;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them in the config: {@code 500ms}, {@code 30s}, {@code 10m},
 * {@code 1h}, {@code 2d}, or several parts together ({@code 1h30m}). A unit is always required.
 */
public final class DurationText {
    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");
    private static final String EXPECTED = "expected a duration like 500ms, 30s, 10m, 1h or 1h30m (units: ms, s, m, h, d)";

    private DurationText() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a message that says what was expected and what was found
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(EXPECTED + ", got an empty value");
        }
        if (trimmed.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + trimmed + "' without a unit");
        }
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + trimmed + "'");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(trimmed);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> throw new IllegalStateException("unit matched by pattern: " + part.group(2));
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + trimmed + "' is too large");
        }
        return total;
    }

    /** Formats {@code duration} in the same notation, using the largest units that fit exactly. */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        long millis = duration.toMillis();
        StringBuilder out = new StringBuilder();
        millis = appendPart(out, millis, 86_400_000L, "d");
        millis = appendPart(out, millis, 3_600_000L, "h");
        millis = appendPart(out, millis, 60_000L, "m");
        millis = appendPart(out, millis, 1_000L, "s");
        appendPart(out, millis, 1L, "ms");
        return out.toString();
    }

    private static long appendPart(StringBuilder out, long millis, long unitMillis, String unit) {
        long count = millis / unitMillis;
        if (count > 0) {
            out.append(count).append(unit);
        }
        return millis % unitMillis;
    }
}
