package io.ramal.cti.ivr;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A voice menu of a tenant. Its prompt plays to the caller; the first key pressed (during the prompt
 * or within {@code timeout} after it) sends the caller to that key's option. A key no option has is
 * invalid: the caller goes to {@code invalidTarget} when there is one, else hears the prompt again. No
 * key in time also replays the prompt. After {@code maxRetries} replays the caller goes to
 * {@code defaultTarget}, or is hung up when there is none.
 *
 * @param name          1-40 of {@code a-z 0-9 _ -}, starting with a letter or digit; unique in the tenant
 * @param prompt        the stored prompt's reference (the SHA-256 of its audio, lower-case hex); empty
 *                      while none was uploaded (the caller then hears a short beep)
 * @param options       what each key leads to; keys are the DTMF keys {@code 0-9 * # A-D}
 * @param timeout       how long to wait for a key after the prompt ended, 1 s to 60 s
 * @param maxRetries    how many times the prompt is replayed (no key, or an invalid one), 0 to 10
 * @param defaultTarget where the caller goes once the replays are used up (empty: hung up)
 * @param invalidTarget where an invalid key leads at once (empty: the prompt is replayed)
 */
public record IvrMenu(
        String name,
        Optional<String> prompt,
        Map<Character, IvrTarget> options,
        Duration timeout,
        int maxRetries,
        Optional<IvrTarget> defaultTarget,
        Optional<IvrTarget> invalidTarget) {

    /** The sixteen DTMF keys a menu option may have. */
    public static final String KEYS = "0123456789*#ABCD";
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    public static final int MAX_RETRIES = 10;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public IvrMenu {
        Objects.requireNonNull(name, "name");
        if (!validName(name)) {
            throw new IllegalArgumentException("a menu name is 1-40 of a-z, 0-9, '_' and '-', starting with a letter"
                    + " or digit: " + name);
        }
        Objects.requireNonNull(prompt, "prompt").ifPresent(p -> {
            if (!SHA256.matcher(p).matches()) {
                throw new IllegalArgumentException("a prompt reference is a SHA-256 in lower-case hex: " + p);
            }
        });
        TreeMap<Character, IvrTarget> sorted = new TreeMap<>((a, b) -> KEYS.indexOf(a) - KEYS.indexOf(b));
        Objects.requireNonNull(options, "options").forEach((key, target) -> {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(target, "target of key " + key);
            if (KEYS.indexOf(key) < 0) {
                throw new IllegalArgumentException("a menu option's key is one of 0-9 * # A-D, got '" + key + "'");
            }
            sorted.put(key, target);
        });
        options = Collections.unmodifiableSortedMap(sorted);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("a menu's timeout is 1 s to 60 s, got " + timeout.toMillis() + " ms");
        }
        if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
            throw new IllegalArgumentException("a menu's retries are 0 to " + MAX_RETRIES + ", got " + maxRetries);
        }
        Objects.requireNonNull(defaultTarget, "defaultTarget");
        Objects.requireNonNull(invalidTarget, "invalidTarget");
        String self = "ivr:" + name;
        if (defaultTarget.map(Object::toString).filter(self::equals).isPresent()
                || invalidTarget.map(Object::toString).filter(self::equals).isPresent()) {
            throw new IllegalArgumentException("menu " + name + " cannot send its default or invalid callers to itself"
                    + " (without an invalid target the prompt is replayed)");
        }
    }

    /** A menu without options: 5 s timeout, 2 replays, no default (hang up), invalid keys replay. */
    public static IvrMenu defaults(String name) {
        return new IvrMenu(name, Optional.empty(), Map.of(), Duration.ofSeconds(5), 2, Optional.empty(),
                Optional.empty());
    }

    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Where {@code key} leads, if it is an option. */
    public Optional<IvrTarget> option(char key) {
        return Optional.ofNullable(options.get(key));
    }

    /** The same menu with another prompt reference (empty: none). */
    public IvrMenu withPrompt(Optional<String> reference) {
        return new IvrMenu(name, reference, options, timeout, maxRetries, defaultTarget, invalidTarget);
    }

    /** Every target the menu names: its options', then the default and the invalid target. */
    public java.util.List<IvrTarget> targets() {
        java.util.List<IvrTarget> all = new java.util.ArrayList<>(options.values());
        defaultTarget.ifPresent(all::add);
        invalidTarget.ifPresent(all::add);
        return java.util.List.copyOf(all);
    }
}
