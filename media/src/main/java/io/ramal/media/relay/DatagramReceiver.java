package io.ramal.media.relay;

import java.net.InetSocketAddress;

/**
 * What a {@link DatagramLoop} does with each datagram it reads from one channel, on the loop's
 * thread. {@code buf[0, length)} is the datagram; the loop reuses the array for the next one, so
 * keep nothing of it past the call. Must not block: every channel of the loop waits meanwhile.
 */
@FunctionalInterface
interface DatagramReceiver {
    void received(byte[] buf, int length, InetSocketAddress from);
}
