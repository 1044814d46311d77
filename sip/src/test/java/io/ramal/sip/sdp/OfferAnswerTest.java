package io.ramal.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfferAnswerTest {
    static final AudioCapabilities CAPS = AudioCapabilities.g711();
    static final Connection US = Connection.of("127.0.0.1");
    static final Origin OURS = Origin.of(1000, US);

    static SessionDescription offer(String... mediaLines) {
        String text = String.join("\r\n",
                "v=0", "o=bob 5 5 IN IP4 192.0.2.20", "s=-", "c=IN IP4 192.0.2.20", "t=0 0",
                String.join("\r\n", mediaLines), "");
        return SdpParserTest.parsed(text);
    }

    static Answering.Answered answered(SessionDescription offer, Direction ours) {
        Answering a = OfferAnswer.answer(offer, CAPS, OURS, US, 20000, ours);
        assertThat(a).isInstanceOf(Answering.Answered.class);
        return (Answering.Answered) a;
    }

    @Test
    void answersWithTheOfferersFirstCodecWeShare() {
        SessionDescription offer = offer("m=audio 4000 RTP/AVP 18 8 0 96", "a=rtpmap:96 telephone-event/8000");

        Answering.Answered a = answered(offer, Direction.SENDRECV);

        MediaDescription m = a.answer().media().get(0);
        assertThat(m.port()).isEqualTo(20000);
        assertThat(m.formats()).containsExactly("8", "96");
        assertThat(m.rtpMap("96")).contains(RtpMap.telephoneEvent(96));
        assertThat(m.fmtp("96")).contains("0-16");
        assertThat(m.ptime()).hasValue(20);
        assertThat(m.direction()).contains(Direction.SENDRECV);
        assertThat(a.answer().connection()).contains(US);
        assertThat(a.answer().origin()).isEqualTo(OURS);
        assertThat(a.answer().lines()).extracting(SdpLine::toString).containsExactly("t=0 0");

        NegotiatedAudio audio = a.audio();
        assertThat(audio.codec()).isEqualTo(new NegotiatedFormat("PCMA", 8000, 8, 8));
        assertThat(audio.telephoneEvent()).contains(new NegotiatedFormat("telephone-event", 8000, 96, 96));
        assertThat(audio.comfortNoise()).isEmpty();
        assertThat(audio.remoteAddress()).contains("192.0.2.20");
        assertThat(audio.remotePort()).isEqualTo(4000);
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void answerIsValidSdpThatReadsBack() {
        Answering.Answered a = answered(offer("m=audio 4000 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000"),
                Direction.SENDRECV);

        assertThat(SdpParserTest.parsed(a.answer().toString())).isEqualTo(a.answer());
    }

    @Test
    void mirrorsTheOfferedDirection() {
        assertThat(answered(offer("m=audio 4000 RTP/AVP 0", "a=sendonly"), Direction.SENDRECV).audio().direction())
                .isEqualTo(Direction.RECVONLY);
        assertThat(answered(offer("m=audio 4000 RTP/AVP 0", "a=recvonly"), Direction.SENDRECV).audio().direction())
                .isEqualTo(Direction.SENDONLY);
        assertThat(answered(offer("m=audio 4000 RTP/AVP 0", "a=inactive"), Direction.SENDRECV).audio().direction())
                .isEqualTo(Direction.INACTIVE);
        Answering.Answered held = answered(offer("m=audio 4000 RTP/AVP 0", "a=sendonly"), Direction.SENDRECV);
        assertThat(held.answer().media().get(0).direction()).contains(Direction.RECVONLY);
    }

    @Test
    void mirrorsASessionLevelDirection() {
        SessionDescription offer = SdpParserTest.parsed(String.join("\r\n",
                "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0", "a=sendonly",
                "m=audio 4000 RTP/AVP 0", ""));

        assertThat(answered(offer, Direction.SENDRECV).audio().direction()).isEqualTo(Direction.RECVONLY);
    }

    @Test
    void limitsTheAnswerToOurOwnDirection() {
        assertThat(answered(offer("m=audio 4000 RTP/AVP 0"), Direction.SENDONLY).audio().direction())
                .isEqualTo(Direction.SENDONLY);
        assertThat(answered(offer("m=audio 4000 RTP/AVP 0", "a=sendonly"), Direction.SENDONLY).audio().direction())
                .isEqualTo(Direction.INACTIVE);
    }

    @Test
    void treatsAnUnspecifiedAddressAsHold() {
        SessionDescription offer = SdpParserTest.parsed(String.join("\r\n",
                "v=0", "o=- 1 2 IN IP4 192.0.2.1", "s=-", "c=IN IP4 0.0.0.0", "t=0 0", "m=audio 4000 RTP/AVP 0", ""));

        Answering.Answered a = answered(offer, Direction.SENDRECV);

        assertThat(a.audio().direction()).isEqualTo(Direction.RECVONLY);
        assertThat(a.audio().remoteAddress()).isEmpty();
    }

    @Test
    void refusesOtherStreamsWithPortZeroKeepingTheirPlace() {
        SessionDescription offer = offer(
                "m=video 5000 RTP/AVP 99", "a=rtpmap:99 H264/90000",
                "m=audio 4000 RTP/SAVP 0",
                "m=audio 4002 RTP/AVP 0",
                "m=audio 4004 RTP/AVP 8");

        Answering.Answered a = answered(offer, Direction.SENDRECV);

        List<MediaDescription> media = a.answer().media();
        assertThat(media).extracting(MediaDescription::mediaLine).containsExactly(
                "video 0 RTP/AVP 99", "audio 0 RTP/SAVP 0", "audio 20000 RTP/AVP 0", "audio 0 RTP/AVP 8");
        assertThat(media.get(0).lines()).isEmpty();
        assertThat(a.audio().remotePort()).isEqualTo(4002);
    }

    @Test
    void keepsTheOfferedProfileAndRtcpMux() {
        Answering.Answered a = answered(offer("m=audio 4000 RTP/AVPF 0", "a=rtcp-mux"), Direction.SENDRECV);

        assertThat(a.answer().media().get(0).proto()).isEqualTo("RTP/AVPF");
        assertThat(a.answer().media().get(0).rtcpMux()).isTrue();
        assertThat(a.audio().rtcpMux()).isTrue();
    }

    @Test
    void answersComfortNoiseOnlyWhenWeAnnounceIt() {
        SessionDescription offer = offer("m=audio 4000 RTP/AVP 0 13");

        assertThat(answered(offer, Direction.SENDRECV).answer().media().get(0).formats()).containsExactly("0");
        AudioCapabilities withCn = new AudioCapabilities(CAPS.codecs(), CAPS.telephoneEvent(), "0-16",
                Optional.of(RtpMap.CN), 20);
        Answering.Answered a = (Answering.Answered) OfferAnswer.answer(offer, withCn, OURS, US, 20000,
                Direction.SENDRECV);
        assertThat(a.answer().media().get(0).formats()).containsExactly("0", "13");
        assertThat(a.audio().comfortNoise()).contains(new NegotiatedFormat("CN", 8000, 13, 13));
    }

    @Test
    void refusesWith488WhenNothingIsShared() {
        assertThat(OfferAnswer.answer(offer("m=audio 4000 RTP/AVP 18"), CAPS, OURS, US, 20000, Direction.SENDRECV))
                .isEqualTo(new Answering.Refused(488, "no common audio codec"));
        assertThat(OfferAnswer.answer(offer("m=video 4000 RTP/AVP 31"), CAPS, OURS, US, 20000, Direction.SENDRECV))
                .isEqualTo(new Answering.Refused(488, "no audio stream offered"));
    }

    @Test
    void freshOfferListsAllOurFormats() {
        SessionDescription offer = OfferAnswer.offer(CAPS, OURS, US, 30000, Direction.SENDRECV);

        assertThat(offer.toString()).isEqualTo(String.join("\r\n",
                "v=0", "o=- 1000 1000 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
                "m=audio 30000 RTP/AVP 0 8 101",
                "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16", "a=ptime:20", "a=sendrecv", ""));
    }

    @Test
    void readsThePeersAnswerToOurOffer() {
        SessionDescription ours = OfferAnswer.offer(CAPS, OURS, US, 30000, Direction.SENDRECV);
        SessionDescription answer = offer("m=audio 6000 RTP/AVP 8 97", "a=rtpmap:97 telephone-event/8000", "a=recvonly");

        Acceptance result = OfferAnswer.accept(ours, answer, CAPS);

        assertThat(result).isInstanceOf(Acceptance.Agreed.class);
        NegotiatedAudio audio = ((Acceptance.Agreed) result).audio();
        assertThat(audio.codec()).isEqualTo(new NegotiatedFormat("PCMA", 8000, 8, 8));
        assertThat(audio.telephoneEvent()).as("receive under our number, send under theirs")
                .contains(new NegotiatedFormat("telephone-event", 8000, 101, 97));
        assertThat(audio.remoteAddress()).contains("192.0.2.20");
        assertThat(audio.remotePort()).isEqualTo(6000);
        assertThat(audio.direction()).isEqualTo(Direction.SENDONLY);
    }

    @Test
    void anAnswerThatRejectsOurAudioIsUnusable() {
        SessionDescription ours = OfferAnswer.offer(CAPS, OURS, US, 30000, Direction.SENDRECV);

        assertThat(OfferAnswer.accept(ours, offer("m=audio 0 RTP/AVP 0"), CAPS))
                .isEqualTo(new Acceptance.Unusable("answer accepts no audio stream"));
        assertThat(OfferAnswer.accept(ours, offer("m=audio 6000 RTP/AVP 18"), CAPS))
                .isEqualTo(new Acceptance.Unusable("answer accepts no audio codec we offered"));
        assertThat(OfferAnswer.accept(ours, offer("m=audio 6000 RTP/AVP 0", "m=video 0 RTP/AVP 31"), CAPS))
                .isInstanceOf(Acceptance.Unusable.class);
    }
}
