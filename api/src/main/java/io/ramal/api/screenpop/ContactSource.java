package io.ramal.api.screenpop;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Where contacts come from: a CRM asked over HTTP ({@link HttpContactSource}). */
interface ContactSource extends AutoCloseable {

    /**
     * Asks {@code uri} (a GET with {@code headers}) and reads the answer; never longer than
     * {@code timeout} (then {@link LookupResult.TimedOut}). The URL has passed the SSRF guard.
     */
    LookupResult fetch(URI uri, Map<String, String> headers, Duration timeout) throws InterruptedException;

    @Override
    void close();
}
