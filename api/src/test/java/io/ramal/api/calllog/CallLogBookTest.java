package io.ramal.api.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.CallDirection;
import io.ramal.store.CallDisposition;
import io.ramal.store.CallRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallLogBookTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final CallLogBook book = new CallLogBook(Duration.ofSeconds(30));

    private static CallRecord cdr(String id) {
        return new CallRecord(id, "demo", "sip-" + id + "@pbx", "1001", "1002", CallDirection.INTERNAL, T0,
                Optional.of(T0.plusSeconds(2)), T0.plusSeconds(12), CallDisposition.ANSWERED, "BYE from caller");
    }

    @Test
    void aCallWithoutRecordingsIsLoggedWhenItsCdrIsStored() {
        assertThat(book.cdrStored(cdr("c1"), T0)).contains(cdr("c1"));
        assertThat(book.waiting()).isZero();
    }

    @Test
    void aRecordedCallWaitsUntilEveryRecordingsWavIsComplete() {
        book.recordingStarted("demo", "c2", "c2-1", T0);
        book.recordingStarted("demo", "c2", "c2-2", T0.plusSeconds(5));
        assertThat(book.recordingSettled("demo", "c2-1")).isEmpty();
        assertThat(book.cdrStored(cdr("c2"), T0.plusSeconds(12))).isEmpty();
        assertThat(book.recordingSettled("demo", "c2-2")).contains(cdr("c2"));
        assertThat(book.recordingSettled("demo", "c2-2")).as("once").isEmpty();
        assertThat(book.waiting()).isZero();
    }

    @Test
    void aCdrThatWaitedTooLongForItsRecordingsIsLoggedWithoutThem() {
        book.recordingStarted("demo", "c3", "c3-1", T0);
        book.cdrStored(cdr("c3"), T0.plusSeconds(12));
        assertThat(book.overdue(T0.plusSeconds(41))).isEmpty();
        assertThat(book.overdue(T0.plusSeconds(42))).containsExactly(cdr("c3"));
        assertThat(book.recordingSettled("demo", "c3-1")).as("already logged").isEmpty();
    }

    @Test
    void recordingsOfCallsWhoseCdrNeverComesAreForgotten() {
        book.recordingStarted("demo", "c4", "c4-1", T0);
        assertThat(book.overdue(T0.plus(CallLogBook.FORGET_AFTER))).isEmpty();
        assertThat(book.waiting()).isZero();
        assertThat(book.recordingSettled("other", "c4-1")).isEmpty();
    }
}
