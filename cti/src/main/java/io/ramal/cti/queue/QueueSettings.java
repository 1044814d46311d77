package io.ramal.cti.queue;

import io.ramal.cti.JsonFields;
import io.ramal.cti.Language;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A queue of a tenant and how it distributes its callers.
 *
 * @param name          1-40 of {@code a-z 0-9 _ -}, starting with a letter or digit; unique in the tenant
 * @param ringTimeout   how long one offer rings before the next agent (or round) is tried
 * @param maxWait       how long a caller may wait at most; then it goes to {@code overflow}, or is released
 *                      when there is none (empty: no limit)
 * @param overflow      where callers go past {@code maxWait} or when the queue is full
 * @param wrapUp        after a queue call ends, how long its agent is offered no queue call
 * @param maxCallers    how many callers may wait at once (empty: no limit)
 * @param announceEvery how often a waiting caller is told its position (empty: never); also once on entry
 * @param serviceLevel  a call answered within this wait counts as within the service level
 * @param number        what the tenant's phones dial to reach the queue (1-20 digits; unique in the tenant and
 *                      no extension's number); empty: only DIDs, voice menus and overflows lead here
 * @param language      the language positions (and waits) are spoken in to the queue's callers
 * @param announceWait  whether an announcement also says the estimated wait (the queue's average answer time,
 *                      in whole minutes rounded up), once an answered call gives it
 */
public record QueueSettings(
        String name,
        Strategy strategy,
        Duration ringTimeout,
        Optional<Duration> maxWait,
        Optional<OverflowTarget> overflow,
        Duration wrapUp,
        OptionalInt maxCallers,
        Optional<Duration> announceEvery,
        Duration serviceLevel,
        Optional<String> number,
        Language language,
        boolean announceWait) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,20}");

    public QueueSettings {
        Objects.requireNonNull(name, "name");
        if (!validName(name)) {
            throw new IllegalArgumentException("a queue name is 1-40 of a-z, 0-9, '_' and '-', starting with a letter"
                    + " or digit: " + name);
        }
        Objects.requireNonNull(strategy, "strategy");
        positive(ringTimeout, "ringTimeout");
        Objects.requireNonNull(maxWait, "maxWait").ifPresent(d -> positive(d, "maxWait"));
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(wrapUp, "wrapUp");
        if (wrapUp.isNegative()) {
            throw new IllegalArgumentException("wrapUp must not be negative: " + wrapUp);
        }
        Objects.requireNonNull(maxCallers, "maxCallers").ifPresent(n -> {
            if (n < 1) {
                throw new IllegalArgumentException("maxCallers must be at least 1: " + n);
            }
        });
        Objects.requireNonNull(announceEvery, "announceEvery").ifPresent(d -> positive(d, "announceEvery"));
        positive(serviceLevel, "serviceLevel");
        Objects.requireNonNull(number, "number").ifPresent(n -> {
            if (!validNumber(n)) {
                throw new IllegalArgumentException("a queue's number is 1-20 digits: " + n);
            }
        });
        Objects.requireNonNull(language, "language");
        if (overflow.filter(o -> o.kind() == OverflowTarget.Kind.QUEUE && o.value().equals(name)).isPresent()) {
            throw new IllegalArgumentException("queue " + name + " cannot overflow to itself");
        }
    }

    /** Settings of a queue no phone dials, speaking English and not saying the estimated wait. */
    public QueueSettings(String name, Strategy strategy, Duration ringTimeout, Optional<Duration> maxWait,
            Optional<OverflowTarget> overflow, Duration wrapUp, OptionalInt maxCallers,
            Optional<Duration> announceEvery, Duration serviceLevel) {
        this(name, strategy, ringTimeout, maxWait, overflow, wrapUp, maxCallers, announceEvery, serviceLevel,
                Optional.empty(), Language.EN, false);
    }

    /**
     * Ring all, 15 s per offer, no maximum wait, no overflow, no wrap-up, no limit, no announcements, 20 s;
     * no number, English, no estimated wait.
     */
    public static QueueSettings defaults(String name) {
        return new QueueSettings(name, Strategy.RING_ALL, Duration.ofSeconds(15), Optional.empty(), Optional.empty(),
                Duration.ZERO, OptionalInt.empty(), Optional.empty(), Duration.ofSeconds(20));
    }

    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Whether {@code number} may be a queue's number: 1-20 digits. */
    public static boolean validNumber(String number) {
        return NUMBER.matcher(number).matches();
    }

    public QueueSettings withStrategy(Strategy next) {
        return new QueueSettings(name, next, ringTimeout, maxWait, overflow, wrapUp, maxCallers, announceEvery,
                serviceLevel, number, language, announceWait);
    }

    public QueueSettings withRingTimeout(Duration next) {
        return new QueueSettings(name, strategy, next, maxWait, overflow, wrapUp, maxCallers, announceEvery,
                serviceLevel, number, language, announceWait);
    }

    public QueueSettings withMaxWait(Optional<Duration> next, Optional<OverflowTarget> to) {
        return new QueueSettings(name, strategy, ringTimeout, next, to, wrapUp, maxCallers, announceEvery,
                serviceLevel, number, language, announceWait);
    }

    public QueueSettings withWrapUp(Duration next) {
        return new QueueSettings(name, strategy, ringTimeout, maxWait, overflow, next, maxCallers, announceEvery,
                serviceLevel, number, language, announceWait);
    }

    public QueueSettings withMaxCallers(OptionalInt next) {
        return new QueueSettings(name, strategy, ringTimeout, maxWait, overflow, wrapUp, next, announceEvery,
                serviceLevel, number, language, announceWait);
    }

    public QueueSettings withAnnounceEvery(Optional<Duration> next) {
        return new QueueSettings(name, strategy, ringTimeout, maxWait, overflow, wrapUp, maxCallers, next,
                serviceLevel, number, language, announceWait);
    }

    public QueueSettings withServiceLevel(Duration next) {
        return new QueueSettings(name, strategy, ringTimeout, maxWait, overflow, wrapUp, maxCallers, announceEvery,
                next, number, language, announceWait);
    }

    public QueueSettings withNumber(Optional<String> next) {
        return new QueueSettings(name, strategy, ringTimeout, maxWait, overflow, wrapUp, maxCallers, announceEvery,
                serviceLevel, next, language, announceWait);
    }

    public QueueSettings withLanguage(Language next) {
        return new QueueSettings(name, strategy, ringTimeout, maxWait, overflow, wrapUp, maxCallers, announceEvery,
                serviceLevel, number, next, announceWait);
    }

    public QueueSettings withAnnounceWait(boolean next) {
        return new QueueSettings(name, strategy, ringTimeout, maxWait, overflow, wrapUp, maxCallers, announceEvery,
                serviceLevel, number, language, next);
    }

    /**
     * {@code {name, strategy, ring_timeout_s, max_wait_s, overflow_to, wrap_up_s, max_callers,
     * announce_position_every_s, service_level_s, number, language, announce_wait}} (seconds, null when not
     * set).
     */
    public Map<String, Object> toJson() {
        return JsonFields.create()
                .put("name", name)
                .put("strategy", strategy.wire())
                .put("ring_timeout_s", ringTimeout.toSeconds())
                .put("max_wait_s", maxWait.map(Duration::toSeconds))
                .put("overflow_to", overflow.map(OverflowTarget::toString))
                .put("wrap_up_s", wrapUp.toSeconds())
                .put("max_callers", maxCallers.isPresent() ? maxCallers.getAsInt() : null)
                .put("announce_position_every_s", announceEvery.map(Duration::toSeconds))
                .put("service_level_s", serviceLevel.toSeconds())
                .put("number", number)
                .put("language", language.wire())
                .put("announce_wait", announceWait)
                .build();
    }

    private static void positive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + duration);
        }
    }
}
