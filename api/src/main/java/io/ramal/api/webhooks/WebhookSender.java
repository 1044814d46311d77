package io.ramal.api.webhooks;

/** Sends one webhook request and reports what came of it; never throws for network trouble. */
interface WebhookSender extends AutoCloseable {

    SendResult send(WebhookRequest request) throws InterruptedException;

    /** Stops at once, aborting requests in flight. */
    @Override
    void close();
}
