package io.ramal.api.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A URL template that Ramal sends requests to (a webhook, a CRM lookup): {@code http} or
 * {@code https}, with the scheme, host and port written out — Meetip variables
 * ({@code %CALLER_ID%}) and native placeholders ({@code {{call_id}}}) may appear only in the path
 * and query, so the SSRF guard can judge the host before anything is filled in — no user info,
 * at most {@value #MAX_LENGTH} characters.
 */
public final class TargetUrl {

    public static final int MAX_LENGTH = 2_048;

    private final String source;
    private final WebhookTemplate template;

    private TargetUrl(String source) {
        this.source = source;
        this.template = WebhookTemplate.parse(source);
    }

    /**
     * Checks and parses a template. {@link IllegalArgumentException} with a message for the admin
     * that starts with {@code url} when it is not acceptable.
     */
    public static TargetUrl parse(String source) {
        Objects.requireNonNull(source, "source");
        if (source.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("url is longer than " + MAX_LENGTH + " characters");
        }
        String lower = source.toLowerCase(Locale.ROOT);
        int start = lower.startsWith("https://") ? 8 : lower.startsWith("http://") ? 7 : -1;
        if (start < 0) {
            throw new IllegalArgumentException("url must start with http:// or https://");
        }
        int end = start;
        while (end < source.length() && "/?#".indexOf(source.charAt(end)) < 0) {
            end++;
        }
        String authority = source.substring(start, end);
        if (authority.isEmpty() || authority.contains("%") || authority.contains("{") || authority.contains("}")) {
            throw new IllegalArgumentException("url: the host and port must be written out, without variables");
        }
        if (authority.contains("@")) {
            throw new IllegalArgumentException("url must not carry user info (user@host); use a header for credentials");
        }
        TargetUrl url = new TargetUrl(source);
        if (url.sample().getHost() == null) {
            throw new IllegalArgumentException("url has no valid host");
        }
        return url;
    }

    /** The template as written. */
    public String template() {
        return source;
    }

    /** The URL with every placeholder filled with {@code 0}: scheme, host and port as they will be used. */
    public URI sample() {
        try {
            return new URI(template.renderSample("0"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid URL template: " + e.getMessage());
        }
    }

    /**
     * The URL for an event (its envelope and fields, as webhooks see them), every value
     * percent-encoded. {@link URISyntaxException} if what it renders is no URL.
     */
    public URI render(Map<String, Object> event) throws URISyntaxException {
        return new URI(template.render(event, Escaping.URL));
    }

    @Override
    public String toString() {
        return source;
    }
}
