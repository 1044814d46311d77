package io.ramal.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.rtp.RtpHeader;
import io.ramal.media.rtp.RtpPacket;
import io.ramal.media.rtp.RtpParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A phone's RTP side played by a plain DatagramSocket on 127.0.0.1. */
final class RtpPeer implements AutoCloseable {
    private final DatagramSocket socket;

    RtpPeer() {
        this(InetAddress.getLoopbackAddress());
    }

    /** A peer on another loopback address ({@code ::1}). */
    RtpPeer(InetAddress loopback) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
            socket.setReceiveBufferSize(1 << 20);
            socket.setSoTimeout(3000);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(RtpPacket p, InetSocketAddress to) {
        send(p.toBytes(), to);
    }

    void send(byte[] datagram, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next RTP packet; fails the test after 3 s without one. */
    RtpPacket receive() {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no RTP packet within 3 s at " + address());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RtpParseResult r = RtpHeader.parse(buf, 0, p.getLength());
        assertThat(r).isInstanceOf(RtpHeader.class);
        return RtpPacket.of((RtpHeader) r, buf, 0, p.getLength());
    }

    /** A datagram as it arrived, and where from. */
    record Datagram(byte[] bytes, InetSocketAddress from) {}

    /** The next datagram of any kind (RTCP, say); fails the test after 3 s without one. */
    Datagram receiveDatagram() {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no datagram within 3 s at " + address());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Datagram(java.util.Arrays.copyOf(buf, p.getLength()), (InetSocketAddress) p.getSocketAddress());
    }

    @Override
    public void close() {
        socket.close();
    }
}
