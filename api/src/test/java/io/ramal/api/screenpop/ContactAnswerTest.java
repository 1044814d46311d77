package io.ramal.api.screenpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContactAnswerTest {

    private static LookupResult read(int status, String body) {
        return ContactAnswer.read(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJsonObjectIsTheContactAndAListGivesItsFirst() {
        assertThat(read(200, "{\"name\":\"ACME\",\"id\":7}"))
                .isEqualTo(new LookupResult.Found(java.util.Map.of("name", "ACME", "id", 7)));
        assertThat(read(200, "[{\"name\":\"first\"},{\"name\":\"second\"}]"))
                .isEqualTo(new LookupResult.Found(java.util.Map.of("name", "first")));
    }

    @Test
    void nothingFoundIsA404A204OrAnEmptyAnswer() {
        assertThat(read(404, "no such caller")).isInstanceOf(LookupResult.NotFound.class);
        assertThat(read(204, "")).isInstanceOf(LookupResult.NotFound.class);
        assertThat(read(200, "")).isInstanceOf(LookupResult.NotFound.class);
        assertThat(read(200, "{}")).isInstanceOf(LookupResult.NotFound.class);
        assertThat(read(200, "[]")).isInstanceOf(LookupResult.NotFound.class);
        assertThat(read(200, "null")).isInstanceOf(LookupResult.NotFound.class);
    }

    @Test
    void errorsAndAnswersThatAreNoContactFailSayingWhy() {
        assertThat(read(500, "{}")).isEqualTo(new LookupResult.Failed("the CRM answered 500"));
        assertThat(read(302, "")).isEqualTo(new LookupResult.Failed("the CRM answered 302"));
        assertThat(read(200, "<html>")).isEqualTo(
                new LookupResult.Failed("the CRM answered 200 with a body that is not JSON"));
        assertThat(read(200, "[\"text\"]")).isEqualTo(
                new LookupResult.Failed("the CRM answered 200 with JSON that is not an object"));
    }

    @Test
    void onlyRealAnswersMayBeCachedAndEachOutcomeHasItsStatus() {
        assertThat(read(200, "{\"a\":1}").cacheable()).isTrue();
        assertThat(read(404, "").cacheable()).isTrue();
        assertThat(read(500, "").cacheable()).isFalse();
        assertThat(new LookupResult.TimedOut(java.time.Duration.ofMillis(300)).cacheable()).isFalse();
        assertThat(java.util.stream.Stream.of(read(200, "{\"a\":1}"), read(404, ""), read(500, ""),
                new LookupResult.TimedOut(java.time.Duration.ofMillis(300)), new LookupResult.NotAllowed("loopback"),
                new LookupResult.Skipped("no number")).map(LookupResult::status))
                .containsExactly("found", "not_found", "failed", "timeout", "not_allowed", "skipped");
    }
}
