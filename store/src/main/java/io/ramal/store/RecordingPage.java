package io.ramal.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of recordings, newest first.
 *
 * @param nextCursor pass to {@link RecordingQuery#withAfter} for the next page; empty on the last page
 */
public record RecordingPage(List<Recording> recordings, Optional<String> nextCursor) {

    public RecordingPage {
        recordings = List.copyOf(recordings);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
