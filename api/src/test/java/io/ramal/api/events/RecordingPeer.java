package io.ramal.api.events;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Peer} that records what it was sent; it can be told to never finish writing (a stalled client). */
final class RecordingPeer implements Peer {

    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<CloseCode> closes = new CopyOnWriteArrayList<>();
    private final boolean stalled;

    RecordingPeer(boolean stalled) {
        this.stalled = stalled;
    }

    @Override
    public CompletableFuture<Void> send(String text) {
        sent.add(text);
        return stalled ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
    }

    @Override
    public void close(CloseCode code, String reason) {
        closes.add(code);
    }
}
