package io.ramal.api.http;

import io.javalin.http.Context;
import io.ramal.api.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The window {@code [from, to)} a statistics request asks for with its {@code from} and {@code to} query
 * parameters (ISO-8601 UTC): by default the current UTC day; with one of them only, the day after
 * {@code from} or before {@code to}; at most {@value #MAX_DAYS} days. Anything else is a 400
 * {@code invalid_window}.
 */
public record StatsWindow(Instant from, Instant to) {

    public static final int MAX_DAYS = 31;

    public StatsWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** The request's window, with {@code now} saying which day is today. */
    public static StatsWindow of(Context ctx, Instant now) {
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        Optional<Instant> from = instant(ctx, "from", StatsWindow::invalid);
        Optional<Instant> to = instant(ctx, "to", StatsWindow::invalid);
        Instant start = from.orElse(to.map(t -> t.minus(Duration.ofDays(1))).orElse(today));
        Instant end = to.orElse(from.map(f -> f.plus(Duration.ofDays(1))).orElse(today.plus(Duration.ofDays(1))));
        if (!start.isBefore(end)) {
            throw new ApiException(400, "invalid_window", "from must be before to");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new ApiException(400, "invalid_window", "the window may span at most " + MAX_DAYS + " days");
        }
        return new StatsWindow(start, end);
    }

    /**
     * The query parameter {@code name} as an ISO-8601 UTC instant (empty when absent or blank); any
     * other text is {@code invalid}'s exception, given the message.
     */
    public static Optional<Instant> instant(Context ctx, String name, Function<String, ApiException> invalid) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw invalid.apply(name + " must be an ISO-8601 UTC time such as 2025-03-01T00:00:00Z");
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid_window", message);
    }
}
