package io.ramal.api.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordingLinksTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private final RecordingLinks links = new RecordingLinks(KEY, () -> URI.create("https://pbx.example:8443/"),
            Duration.ofHours(24));

    private RecordingLinks.Check check(URI link, Instant at) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        String path = link.getPath();
        String id = path.substring("/api/v1/recordings/".length(), path.length() - "/audio".length());
        return links.check(id, Optional.ofNullable(query.get("format")), Optional.ofNullable(query.get("tenant")),
                Optional.ofNullable(query.get("expires")), Optional.ofNullable(query.get("signature")), at);
    }

    @Test
    void aLinkOpensItsRecordingUntilItExpires() {
        URI link = links.link("demo", "c-1-1", "wav", NOW.plusSeconds(60));
        assertThat(link.toString()).startsWith("https://pbx.example:8443/api/v1/recordings/c-1-1/audio?format=wav"
                + "&tenant=demo&expires=" + NOW.plusSeconds(60).getEpochSecond() + "&signature=");
        assertThat(check(link, NOW.plusSeconds(59))).isEqualTo(new RecordingLinks.Check.Valid("demo", "c-1-1", "wav"));
        assertThat(check(link, NOW.plusSeconds(60))).isEqualTo(new RecordingLinks.Check.Expired(NOW.plusSeconds(60)));
    }

    @Test
    void changingAnyPartOfALinkBreaksItsSignature() {
        URI link = links.link("demo", "c-1-1", "wav", NOW.plusSeconds(60));
        String text = link.toString();
        String signature = text.substring(text.indexOf("signature=") + 10);
        String flipped = (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1);
        for (String tampered : List.of(
                text.replace("signature=" + signature, "signature=" + flipped),
                text.replace("c-1-1", "c-1-2"),
                text.replace("format=wav", "format=mp3"),
                text.replace("tenant=demo", "tenant=acme"),
                text.replace("expires=" + NOW.plusSeconds(60).getEpochSecond(),
                        "expires=" + NOW.plusSeconds(6000).getEpochSecond()),
                text.replace("signature=" + signature, "signature=zz"))) {
            assertThat(check(URI.create(tampered), NOW)).as(tampered).isInstanceOf(RecordingLinks.Check.Invalid.class);
        }
        assertThat(links.check("c-1-1", Optional.of("wav"), Optional.of("demo"), Optional.empty(),
                Optional.of(signature), NOW)).isInstanceOf(RecordingLinks.Check.Invalid.class);
        RecordingLinks otherServer = new RecordingLinks("fedcba9876543210fedcba9876543210".getBytes(),
                () -> URI.create("https://pbx.example:8443"), Duration.ofHours(1));
        assertThat(otherServer.check("c-1-1", Optional.of("wav"), Optional.of("demo"),
                Optional.of(Long.toString(NOW.plusSeconds(60).getEpochSecond())), Optional.of(signature), NOW))
                .as("another key").isInstanceOf(RecordingLinks.Check.Invalid.class);
    }

    @Test
    void eachWebhookAttemptOfACallLoggedGetsFreshLinksToTheCompleteWavs() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "cdr.created");
        event.put("call_id", "c-1");
        event.put("recordings", List.of(
                Map.of("id", "c-1-1", "files", Map.of("wav", Map.of("size", 10))),
                Map.of("id", "c-1-2", "files", Map.of())));
        Map<String, Object> enriched = links.enrich("demo", event, NOW);
        assertThat(event).doesNotContainKey("recording_url");
        List<?> recordings = (List<?>) enriched.get("recordings");
        String url = (String) ((Map<?, ?>) recordings.get(0)).get("url");
        assertThat(url).startsWith("https://pbx.example:8443/api/v1/recordings/c-1-1/audio?format=wav&tenant=demo");
        assertThat(check(URI.create(url), NOW.plus(Duration.ofHours(23)))).isInstanceOf(RecordingLinks.Check.Valid.class);
        assertThat(check(URI.create(url), NOW.plus(Duration.ofHours(24)))).isInstanceOf(RecordingLinks.Check.Expired.class);
        assertThat(((Map<?, ?>) recordings.get(1)).containsKey("url")).isFalse();
        assertThat(enriched.get("recording_url")).isEqualTo(url);
        assertThat(enriched.get("recording_url_expires_at")).isEqualTo(NOW.plus(Duration.ofHours(24)).toString());

        Map<String, Object> other = Map.of("type", "call.delivered", "call_id", "c-1");
        assertThat(links.enrich("demo", other, NOW)).isSameAs(other);
    }

    @Test
    void refusesShortKeysAndLifetimesBeyondAWeek() {
        assertThatThrownBy(() -> new RecordingLinks(new byte[16], () -> URI.create("http://x"), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordingLinks(KEY, () -> URI.create("http://x"), Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
