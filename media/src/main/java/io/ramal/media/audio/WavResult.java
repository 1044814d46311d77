package io.ramal.media.audio;

import java.util.Objects;

/** What reading or validating a WAV file gave: the value, or the problem that refused it. */
public sealed interface WavResult<T> {
    /** The file was read. */
    record Accepted<T>(T value) implements WavResult<T> {
        public Accepted {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The file was refused; {@code detail} says precisely why (safe to show to the uploader). */
    record Rejected<T>(WavProblem problem, String detail) implements WavResult<T> {
        public Rejected {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(detail, "detail");
        }

        /** The problem's sentence followed by the detail. */
        public String message() {
            return detail.isEmpty() ? problem.message() : problem.message() + ": " + detail;
        }
    }

    static <T> WavResult<T> rejected(WavProblem problem, String detail) {
        return new Rejected<>(problem, detail);
    }

    /** Same refusal, other value type. */
    default <U> WavResult<U> castRejected() {
        if (this instanceof Rejected<T> r) {
            return new Rejected<>(r.problem(), r.detail());
        }
        throw new IllegalStateException("not a rejection");
    }

    /** The value, or an {@link IllegalStateException} carrying the refusal (for callers that know better). */
    default T orElseThrow() {
        return switch (this) {
            case Accepted<T> a -> a.value();
            case Rejected<T> r -> throw new IllegalStateException(r.message());
        };
    }
}
