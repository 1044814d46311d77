package io.ramal.api.webhooks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** How a value is written into the text around it, so it can never break out of its place. */
enum Escaping {
    /** Percent-encoding of everything but RFC 3986 unreserved characters (for URLs). */
    URL {
        @Override
        String apply(String value) {
            StringBuilder out = new StringBuilder(value.length());
            for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '.' || c == '_' || c == '~') {
                    out.append((char) c);
                } else {
                    out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
                }
            }
            return out.toString();
        }
    },
    /** {@code application/x-www-form-urlencoded} (space as {@code +}). */
    FORM {
        @Override
        String apply(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    },
    /** The inside of a JSON string literal. */
    JSON {
        @Override
        String apply(String value) {
            return WebhookJson.escape(value);
        }
    };

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    abstract String apply(String value);
}
