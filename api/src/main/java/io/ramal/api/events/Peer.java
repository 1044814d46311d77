package io.ramal.api.events;

import java.util.concurrent.CompletableFuture;

/** The sending half of one WebSocket, as the event stream uses it. */
interface Peer {

    /** Queues a text frame; completes when it is written, exceptionally if the socket failed. */
    CompletableFuture<Void> send(String text);

    /** Starts the closing handshake with this status; cuts the connection if it does not finish in time. */
    void close(CloseCode code, String reason);
}
