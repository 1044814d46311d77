package io.ramal.media.relay;

import static io.ramal.media.relay.BridgeFixture.audio;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.codec.G711;
import io.ramal.media.rtp.RtpPacket;
import io.ramal.media.rtp.RtpPortPool;
import io.ramal.media.rtp.RtpPorts;
import io.ramal.sip.transaction.Scheduler;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Endpoints read by a {@link MediaReactor}, with real phones ({@link RtpPeer}) on 127.0.0.1. */
class MediaReactorTest {
    static final Scheduler NO_TIMERS = (delay, task) -> Scheduler.Cancellable.NONE;
    static final EndpointSettings SETTINGS = EndpointSettings.loopback().withRtcpInterval(Duration.ZERO);

    final RtpPortPool pool = new RtpPortPool(47400, 47699);
    final List<AutoCloseable> opened = new ArrayList<>();

    /** A bridged call: two legs and the phone on each. */
    record Call(RtpEndpoint legA, RtpEndpoint legB, RtpPeer phoneA, RtpPeer phoneB) {}

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    @Test
    void twoEndpointsOnOneLoopRelayEveryPacketInOrderBothWays() {
        MediaReactor reactor = reactor(1);
        Call call = call(reactor, G711.PCMU, G711.PCMA);

        for (int i = 0; i < 300; i++) {
            call.phoneA().send(audio(0, 1000 + i, 160L * i, 0xA, new byte[] {(byte) 0xFF}), call.legA().localAddress());
            call.phoneB().send(audio(8, 7000 + i, 160L * i, 0xB, new byte[] {(byte) 0xD5}), call.legB().localAddress());
        }

        int firstAtB = -1;
        int firstAtA = -1;
        for (int i = 0; i < 300; i++) {
            RtpPacket atB = call.phoneB().receive();
            RtpPacket atA = call.phoneA().receive();
            if (i == 0) {
                firstAtB = atB.sequenceNumber();
                firstAtA = atA.sequenceNumber();
            }
            assertThat(atB.sequenceNumber()).isEqualTo((firstAtB + i) & 0xFFFF);
            assertThat(atA.sequenceNumber()).isEqualTo((firstAtA + i) & 0xFFFF);
            assertThat(atB.payload()).as("mu-law silence as A-law").containsExactly(0xD5);
            assertThat(atA.payload()).as("A-law +8 as mu-law +8").containsExactly(0xFE);
        }
        assertThat(call.legA().counters()).isEqualTo(new RtpCounters(300, 0, 0, 300, 0, 0));
        assertThat(call.legB().counters()).isEqualTo(new RtpCounters(300, 0, 0, 300, 0, 0));
        assertThat(reactor.handlingFailures()).isZero();
    }

    @Test
    void closingCallsWhilePacketsFlowReturnsEveryPortAndFreesTheSockets() throws Exception {
        MediaReactor reactor = reactor(2);
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(call(reactor, G711.PCMU, G711.PCMU));
        }
        List<RtpPorts> ports = calls.stream().flatMap(c -> java.util.stream.Stream.of(c.legA().ports(), c.legB().ports()))
                .toList();
        AtomicBoolean flowing = new AtomicBoolean(true);
        Thread phones = Thread.ofPlatform().name("phones").start(() -> {
            for (int seq = 0; flowing.get(); seq++) {
                for (Call c : calls) {
                    c.phoneA().send(audio(seq, 160L * seq, 0xA, new byte[160]), c.legA().localAddress());
                    c.phoneB().send(audio(seq, 160L * seq, 0xB, new byte[160]), c.legB().localAddress());
                }
            }
        });
        Await.until("every leg relays", () -> calls.stream().allMatch(c -> c.legA().counters().sent() > 10
                && c.legB().counters().sent() > 10));

        for (Call c : calls) {
            c.legA().close();
            c.legB().close();
        }
        flowing.set(false);
        phones.join();

        Await.until("every port back", () -> pool.available() == pool.capacity() && reactor.attached() == 0);
        assertThat(reactor.handlingFailures()).isZero();
        for (RtpPorts p : ports) {
            try (DatagramSocket rtp = bound(p.rtp()); DatagramSocket rtcp = bound(p.rtcp())) {
                assertThat(rtp.getLocalPort() + 1).isEqualTo(rtcp.getLocalPort());
            }
        }
    }

    @Test
    void threadCountStaysTheSameHoweverManyCallsAreUp() throws Exception {
        MediaReactor reactor = reactor(2);
        relayOnePacket(call(reactor, G711.PCMU, G711.PCMU));
        Threads before = Threads.now();

        for (int i = 0; i < 50; i++) {
            relayOnePacket(call(reactor, G711.PCMA, G711.PCMU));
        }
        Threads after = Threads.now();

        assertThat(reactor.attached()).isEqualTo(102);
        assertThat(after.virtual()).as("virtual threads").isEqualTo(before.virtual());
        assertThat(after.platform()).isEqualTo(before.platform());
        assertThat(before.platform().stream().filter(n -> n.startsWith("media-io-")))
                .containsExactly("media-io-0", "media-io-1");
    }

    private MediaReactor reactor(int loops) {
        MediaReactor r = MediaReactor.start(loops);
        opened.add(r);
        return r;
    }

    private Call call(MediaReactor reactor, G711 lawA, G711 lawB) {
        RtpPeer phoneA = peer();
        RtpPeer phoneB = peer();
        RtpEndpoint legA = leg(reactor);
        RtpEndpoint legB = leg(reactor);
        legA.negotiate(RtpSession.g711(lawA, Optional.empty(), phoneA.address()));
        legB.negotiate(RtpSession.g711(lawB, Optional.empty(), phoneB.address()));
        RtpBridge.join(legA, legB);
        return new Call(legA, legB, phoneA, phoneB);
    }

    private static void relayOnePacket(Call c) {
        int pt = c.legA().session().orElseThrow().audio().sendPayloadType();
        c.phoneA().send(audio(pt, 1, 160, 0xA, new byte[160]), c.legA().localAddress());
        assertThat(c.phoneB().receive().payload()).hasSize(160);
    }

    private RtpEndpoint leg(MediaReactor reactor) {
        EndpointOpening o = RtpEndpoint.open(reactor, pool, SETTINGS, InstantSource.system(), NO_TIMERS,
                MediaListener.NONE);
        assertThat(o).isInstanceOf(EndpointOpening.Opened.class);
        RtpEndpoint e = ((EndpointOpening.Opened) o).endpoint();
        opened.add(e);
        return e;
    }

    private RtpPeer peer() {
        RtpPeer p = new RtpPeer();
        opened.add(p);
        return p;
    }

    private static DatagramSocket bound(int port) throws java.net.SocketException {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** The live threads of this JVM: platform threads by name, and how many virtual threads. */
    record Threads(Set<String> platform, long virtual) {
        static Threads now() throws java.io.IOException {
            Set<String> names = new TreeSet<>();
            Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
            // Only a thread dump lists virtual threads (the JDK tracks them all by default).
            java.nio.file.Path dump = java.nio.file.Files.createTempDirectory("threads").resolve("dump.json");
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            String json = java.nio.file.Files.readString(dump);
            java.nio.file.Files.delete(dump);
            java.nio.file.Files.delete(dump.getParent());
            return new Threads(names, java.util.regex.Pattern.compile("\"virtual\": true").matcher(json).results().count());
        }
    }
}
