package io.ramal.api.history;

import io.ramal.api.ApiException;
import io.ramal.store.CallDirection;
import io.ramal.store.CallDisposition;
import io.ramal.store.CdrQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/**
 * The query string of a history listing as a {@link CdrQuery}: {@code from} and {@code to}
 * (ISO-8601 instants, calls started in [from, to)), {@code extension}, {@code direction}
 * ({@code internal|inbound|outbound}), {@code disposition}
 * ({@code answered|busy|no_answer|failed|cancelled}), {@code limit} and {@code cursor}. Anything
 * malformed is a 400 naming the parameter.
 */
final class CdrFilters {

    private CdrFilters() {}

    static CdrQuery parse(Function<String, String> param) {
        CdrQuery query = CdrQuery.all();
        String from = param.apply("from");
        String to = param.apply("to");
        if (from != null || to != null) {
            Instant start = from == null ? Instant.EPOCH : instant("from", from);
            Instant end = to == null ? Instant.parse("9999-12-31T23:59:59Z") : instant("to", to);
            if (!start.isBefore(end)) {
                throw invalid("from", "from must be before to");
            }
            query = query.withStartedBetween(start, end);
        }
        String extension = param.apply("extension");
        if (extension != null) {
            if (extension.isBlank() || extension.length() > 64) {
                throw invalid("extension", "extension must be 1 to 64 characters");
            }
            query = query.withExtension(extension);
        }
        String direction = param.apply("direction");
        if (direction != null) {
            query = query.withDirection(direction(direction));
        }
        String disposition = param.apply("disposition");
        if (disposition != null) {
            query = query.withDisposition(disposition(disposition));
        }
        String limit = param.apply("limit");
        if (limit != null) {
            query = query.withLimit(limit(limit));
        }
        String cursor = param.apply("cursor");
        if (cursor != null) {
            try {
                query = query.withAfter(cursor);
            } catch (IllegalArgumentException e) {
                throw invalid("cursor", "cursor must be the next_cursor of a previous page");
            }
        }
        return query;
    }

    static String dispositionName(CallDisposition disposition) {
        return disposition.name().toLowerCase(Locale.ROOT);
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(name, name + " must be an ISO-8601 instant such as 2026-11-21T09:00:00Z");
        }
    }

    private static CallDirection direction(String text) {
        for (CallDirection d : CallDirection.values()) {
            if (d.wireName().equals(text)) {
                return d;
            }
        }
        throw invalid("direction", "direction must be internal, inbound or outbound");
    }

    private static CallDisposition disposition(String text) {
        for (CallDisposition d : CallDisposition.values()) {
            if (dispositionName(d).equals(text)) {
                return d;
            }
        }
        throw invalid("disposition", "disposition must be answered, busy, no_answer, failed or cancelled");
    }

    private static int limit(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= CdrQuery.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit", "limit must be a whole number from 1 to " + CdrQuery.MAX_LIMIT);
    }

    private static ApiException invalid(String parameter, String message) {
        return new ApiException(400, "invalid_query", message + " (parameter " + parameter + ")");
    }
}
