package io.ramal.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of call records, newest first.
 *
 * @param nextCursor pass to {@link CdrQuery#withAfter} for the next page; empty on the last page
 */
public record CdrPage(List<CallRecord> records, Optional<String> nextCursor) {

    public CdrPage {
        records = List.copyOf(records);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
