package io.ramal.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SdpParserTest {

    static final String PHONE_OFFER = String.join("\r\n",
            "v=0",
            "o=alice 2890844526 2890844526 IN IP4 192.0.2.10",
            "s=Talk",
            "i=a call",
            "c=IN IP4 192.0.2.10",
            "b=AS:80",
            "t=0 0",
            "a=tool:phone 1.0",
            "m=audio 49170 RTP/AVP 8 0 101 13",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=ptime:20",
            "a=rtcp:49171",
            "a=x-unknown:keep me",
            "a=sendrecv",
            "m=video 51372 RTP/AVP 99",
            "a=rtpmap:99 H264/90000",
            "") ;

    static SessionDescription parsed(String text) {
        SdpParseResult r = SessionDescription.parse(text);
        assertThat(r).isInstanceOf(SdpParseResult.Parsed.class);
        return ((SdpParseResult.Parsed) r).description();
    }

    static String malformedReason(String text) {
        SdpParseResult r = SessionDescription.parse(text);
        assertThat(r).isInstanceOf(SdpParseResult.Malformed.class);
        return ((SdpParseResult.Malformed) r).reason();
    }

    @Test
    void readsTheLinesOfATypicalOffer() {
        SessionDescription sdp = parsed(PHONE_OFFER);

        assertThat(sdp.origin()).isEqualTo(new Origin("alice", "2890844526", "2890844526", Connection.of("192.0.2.10")));
        assertThat(sdp.sessionName()).isEqualTo("Talk");
        assertThat(sdp.connection()).contains(new Connection(Connection.AddressType.IP4, "192.0.2.10"));
        assertThat(sdp.media()).hasSize(2);
        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.isRtpAudio()).isTrue();
        assertThat(audio.port()).isEqualTo(49170);
        assertThat(audio.formats()).containsExactly("8", "0", "101", "13");
        assertThat(audio.rtpMap("8")).contains(RtpMap.PCMA);
        assertThat(audio.rtpMap("101")).contains(RtpMap.telephoneEvent(101));
        assertThat(audio.rtpMap("13")).as("static payload type without rtpmap").contains(RtpMap.CN);
        assertThat(audio.fmtp("101")).contains("0-15");
        assertThat(audio.ptime()).hasValue(20);
        assertThat(audio.rtcpPort()).isEqualTo(49171);
        assertThat(audio.rtcpMux()).isFalse();
        assertThat(audio.direction()).contains(Direction.SENDRECV);
        assertThat(sdp.media().get(1).isRtpAudio()).isFalse();
    }

    @Test
    void writesBackExactlyWhatItRead() {
        assertThat(parsed(PHONE_OFFER).toString()).isEqualTo(PHONE_OFFER);
    }

    @Test
    void keepsUnknownLinesInTheirOrder() {
        String text = String.join("\r\n",
                "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "y=first unknown", "a=group:BUNDLE 0", "x=second unknown",
                "m=audio 4000 RTP/AVP 0", "q=inside media", "a=mid:0", "w=last", "");

        SessionDescription sdp = parsed(text);

        assertThat(sdp.lines()).extracting(SdpLine::toString)
                .containsExactly("t=0 0", "y=first unknown", "a=group:BUNDLE 0", "x=second unknown");
        assertThat(sdp.media().get(0).lines()).extracting(SdpLine::toString)
                .containsExactly("q=inside media", "a=mid:0", "w=last");
        assertThat(sdp.toString()).isEqualTo(text);
    }

    @Test
    void acceptsBareLineFeedsAndBlankLines() {
        String text = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\n\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 4000 RTP/AVP 0\n\n";

        SessionDescription sdp = parsed(text);

        assertThat(sdp.media().get(0).port()).isEqualTo(4000);
        assertThat(sdp.toString()).contains("\r\n").doesNotContain("\r\n\r\n");
    }

    @Test
    void readsIpv6ConnectionLines() {
        SessionDescription sdp = parsed(String.join("\r\n",
                "v=0", "o=- 7 7 IN IP6 2001:db8::1", "s=-", "c=IN IP6 2001:db8::1", "t=0 0",
                "m=audio 4000 RTP/AVP 0", "c=IN IP6 ::1", ""));

        assertThat(sdp.connection()).contains(new Connection(Connection.AddressType.IP6, "2001:db8::1"));
        assertThat(sdp.connectionOf(sdp.media().get(0))).contains(Connection.of("::1"));
        assertThat(Connection.of("::1").addressType()).isEqualTo(Connection.AddressType.IP6);
    }

    @Test
    void mediaDirectionOverridesSessionDirection() {
        SessionDescription sdp = parsed(String.join("\r\n",
                "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0", "a=sendonly",
                "m=audio 4000 RTP/AVP 0",
                "m=audio 4002 RTP/AVP 0", "a=inactive",
                "m=audio 4004 RTP/AVP 0", "a=recvonly", ""));

        assertThat(sdp.direction()).contains(Direction.SENDONLY);
        assertThat(sdp.directionOf(sdp.media().get(0))).isEqualTo(Direction.SENDONLY);
        assertThat(sdp.directionOf(sdp.media().get(1))).isEqualTo(Direction.INACTIVE);
        assertThat(sdp.directionOf(sdp.media().get(2))).isEqualTo(Direction.RECVONLY);
    }

    @Test
    void defaultsToSendrecvWhenNothingIsSaid() {
        SessionDescription sdp = parsed(String.join("\r\n",
                "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0", "m=audio 4000 RTP/AVP 0", ""));

        assertThat(sdp.directionOf(sdp.media().get(0))).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void readsRtcpMuxAndPortCount() {
        SessionDescription sdp = parsed(String.join("\r\n",
                "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 4000/2 RTP/AVPF 0", "a=rtcp-mux", "a=rtcp:4000 IN IP4 192.0.2.1", ""));

        MediaDescription m = sdp.media().get(0);
        assertThat(m.portCount()).hasValue(2);
        assertThat(m.rtcpMux()).isTrue();
        assertThat(m.rtcpPort()).isEqualTo(4000);
        assertThat(m.isRtpAudio()).isTrue();
        assertThat(m.mediaLine()).isEqualTo("audio 4000/2 RTP/AVPF 0");
    }

    @Test
    void rtcpPortDefaultsToRtpPortPlusOne() {
        SessionDescription sdp = parsed(String.join("\r\n",
                "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0", "m=audio 4000 RTP/AVP 0", ""));

        assertThat(sdp.media().get(0).rtcpPort()).isEqualTo(4001);
        assertThat(sdp.media().get(0).ptime()).isEmpty();
    }

    @Test
    void refusesTextThatIsNotSdp() {
        assertThat(malformedReason("")).contains("v=");
        assertThat(malformedReason("hello world")).contains("line 1");
        assertThat(malformedReason("v=1\r\no=- 1 1 IN IP4 a\r\ns=-\r\n")).contains("version");
        assertThat(malformedReason("o=- 1 1 IN IP4 a\r\nv=0\r\ns=-\r\n")).contains("v=");
    }

    @Test
    void refusesMissingOrBadMandatoryLines() {
        assertThat(malformedReason("v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\n")).contains("o=");
        assertThat(malformedReason("v=0\r\no=- 1 1 IN IP4 a\r\nc=IN IP4 192.0.2.1\r\n")).contains("s=");
        assertThat(malformedReason("v=0\r\no=- 1 IN IP4 a\r\ns=-\r\n")).contains("o=");
        assertThat(malformedReason("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=IN IP5 192.0.2.1\r\n")).contains("c=");
        assertThat(malformedReason("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=ATM NSAP x\r\n")).contains("c=");
    }

    @Test
    void refusesBadMediaLines() {
        String head = "v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
        assertThat(malformedReason(head + "m=audio port RTP/AVP 0\r\n")).contains("port");
        assertThat(malformedReason(head + "m=audio 70000 RTP/AVP 0\r\n")).contains("port");
        assertThat(malformedReason(head + "m=audio 4000 RTP/AVP\r\n")).contains("formats");
        assertThat(malformedReason(head + "m=audio 4000\r\n")).contains("m=");
        assertThat(malformedReason(head + "m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 nothing\r\n")).contains("rtpmap");
        assertThat(malformedReason(head + "m=audio 4000 RTP/AVP 96\r\na=rtpmap:300 X/8000\r\n")).contains("rtpmap");
        assertThat(malformedReason(head + "m=audio 4000 RTP/AVP 0\r\n o=indented\r\n")).contains("line 7");
    }

    @Test
    void refusesAnActiveStreamWithoutAnyAddress() {
        String text = "v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

        assertThat(malformedReason(text)).contains("connection");
        assertThat(parsed(text.replace("4000", "0")).media().get(0).isRejected()).isTrue();
    }

    @Test
    void refusesOversizedText() {
        assertThat(malformedReason("v=0\r\n" + "a=x\r\n".repeat(20_000))).contains("longer");
    }

    @Test
    void buildsAndWritesADescriptionFromValues() {
        MediaDescription audio = new MediaDescription("audio", 5004, OptionalInt.empty(), "RTP/AVP", List.of("0"),
                Optional.empty(), List.of(new SdpLine('i', "voice"), SdpLine.attribute("sendonly")));
        SessionDescription sdp = new SessionDescription(Origin.of(42, Connection.of("127.0.0.1")), "-",
                Optional.of(Connection.of("127.0.0.1")), List.of(new SdpLine('t', "0 0")), List.of(audio));

        assertThat(sdp.toString()).isEqualTo(String.join("\r\n",
                "v=0", "o=- 42 42 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
                "m=audio 5004 RTP/AVP 0", "i=voice", "a=sendonly", ""));
        assertThat(parsed(sdp.toString())).isEqualTo(sdp);
    }

    @Test
    void replacesDirectionAttributes() {
        MediaDescription m = parsed(PHONE_OFFER).media().get(0).withDirection(Direction.INACTIVE);

        assertThat(m.direction()).contains(Direction.INACTIVE);
        assertThat(m.attributes("sendrecv")).isEmpty();
    }

    @Test
    void mangledInputNeverThrowsAndWhatParsesRoundTrips() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(4566);
        String alphabet = "=:/ \r\n0123456789aemoscvtIP4-";
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder(PHONE_OFFER);
            for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            SdpParseResult r = SessionDescription.parse(text.toString());
            if (r instanceof SdpParseResult.Parsed p) {
                assertThat(SessionDescription.parse(p.description().toString())).as(text.toString()).isEqualTo(r);
            }
        }
    }
}
