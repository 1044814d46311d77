package io.ramal.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnchoringTest {
    static final Connection US = Connection.of("127.0.0.1");
    static final Origin OURS = Origin.of(77, US);

    @Test
    void pointsTheAudioStreamAtUsAndKeepsTheRest() {
        SessionDescription offer = SdpParserTest.parsed(String.join("\r\n",
                "v=0", "o=alice 1 1 IN IP4 10.0.0.5", "s=Talk", "c=IN IP4 10.0.0.5", "t=0 0",
                "a=ice-ufrag:abcd", "a=x-keep:yes",
                "m=audio 49170 RTP/AVP 0 8 101", "c=IN IP4 10.0.0.5",
                "a=rtpmap:101 telephone-event/8000", "a=rtcp:49171 IN IP4 10.0.0.5",
                "a=candidate:1 1 UDP 2130706431 10.0.0.5 49170 typ host", "a=ptime:30", "a=sendonly",
                "m=video 51372 RTP/AVP 99", "a=rtpmap:99 H264/90000", ""));

        SessionDescription ours = Anchoring.rewrite(offer, OURS, US, 30000);

        assertThat(ours.toString()).isEqualTo(String.join("\r\n",
                "v=0", "o=- 77 77 IN IP4 127.0.0.1", "s=Talk", "c=IN IP4 127.0.0.1", "t=0 0",
                "a=x-keep:yes",
                "m=audio 30000 RTP/AVP 0 8 101", "c=IN IP4 127.0.0.1",
                "a=rtpmap:101 telephone-event/8000", "a=ptime:30", "a=sendonly",
                "m=video 0 RTP/AVP 99", "a=rtpmap:99 H264/90000", ""));
    }

    @Test
    void restrictsFormatsToWhatWeHandleAndAddsOurCodecs() {
        SessionDescription offer = SdpParserTest.parsed(String.join("\r\n",
                "v=0", "o=- 1 1 IN IP4 10.0.0.5", "s=-", "c=IN IP4 10.0.0.5", "t=0 0",
                "m=audio 49170 RTP/AVP 9 96 0 101", "a=rtpmap:96 opus/48000/2", "a=fmtp:96 useinbandfec=1",
                "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", ""));

        MediaDescription m = Anchoring.restrict(offer, AudioCapabilities.g711()).media().get(0);

        assertThat(m.formats()).containsExactly("0", "101", "8");
        assertThat(m.lines()).extracting(SdpLine::toString).containsExactly(
                "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", "a=rtpmap:8 PCMA/8000");
    }
}
