package io.ramal.cti.ivr;

import io.ramal.cti.queue.QueueSettings;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a menu sends its caller, written {@code kind:value} like a queue's overflow target:
 * {@code extension:1002}, {@code queue:sales}, {@code number:+551130001000} (called through the
 * tenant's trunk) or {@code ivr:billing} (another menu of the tenant).
 */
public sealed interface IvrTarget {
    /** Digits with an optional leading {@code +}, as extensions and external numbers are written. */
    Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,32}");

    /** The extension number, queue name, external number or menu name. */
    String value();

    /** The kind as written before the colon: {@code extension}, {@code queue}, {@code number} or {@code ivr}. */
    String kind();

    /** Rings an extension of the tenant; the caller talks with whoever answers. */
    record Extension(String value) implements IvrTarget {
        public Extension {
            requireMatch(NUMBER, value, "an extension is digits");
        }

        @Override
        public String kind() {
            return "extension";
        }

        @Override
        public String toString() {
            return kind() + ":" + value;
        }
    }

    /** The caller waits in a queue of the tenant, with music, until an agent answers. */
    record Queue(String value) implements IvrTarget {
        public Queue {
            Objects.requireNonNull(value, "queue");
            if (!QueueSettings.validName(value)) {
                throw new IllegalArgumentException("not a queue name: " + value);
            }
        }

        @Override
        public String kind() {
            return "queue";
        }

        @Override
        public String toString() {
            return kind() + ":" + value;
        }
    }

    /** An external number, called through the tenant's trunk as if an extension had dialled it. */
    record ExternalNumber(String value) implements IvrTarget {
        public ExternalNumber {
            requireMatch(NUMBER, value, "a number is digits with an optional leading +");
        }

        @Override
        public String kind() {
            return "number";
        }

        @Override
        public String toString() {
            return kind() + ":" + value;
        }
    }

    /** Another menu of the tenant: its prompt plays next. */
    record Menu(String value) implements IvrTarget {
        public Menu {
            Objects.requireNonNull(value, "menu");
            if (!IvrMenu.validName(value)) {
                throw new IllegalArgumentException("not a menu name: " + value);
            }
        }

        @Override
        public String kind() {
            return "ivr";
        }

        @Override
        public String toString() {
            return kind() + ":" + value;
        }
    }

    /** Parses {@code kind:value}; an {@link IllegalArgumentException} says what is wrong. */
    static IvrTarget parse(CharSequence text) {
        String s = Objects.requireNonNull(text, "text").toString();
        int colon = s.indexOf(':');
        String kind = colon < 0 ? "" : s.substring(0, colon);
        String value = colon < 0 ? "" : s.substring(colon + 1);
        return switch (kind) {
            case "extension" -> new Extension(value);
            case "queue" -> new Queue(value);
            case "number" -> new ExternalNumber(value);
            case "ivr" -> new Menu(value);
            default -> throw new IllegalArgumentException(
                    "a menu target is extension:N, queue:NAME, number:N or ivr:NAME, got '" + s + "'");
        };
    }

    private static void requireMatch(Pattern pattern, String value, String what) {
        Objects.requireNonNull(value, "value");
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + ", got '" + value + "'");
        }
    }
}
