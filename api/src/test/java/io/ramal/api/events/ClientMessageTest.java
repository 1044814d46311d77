package io.ramal.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientMessageTest {

    @Test
    void parsesASubscribeWithResumePointAndFilters() {
        ClientMessage message = ClientMessage.parse("""
                {"op":"subscribe","resume_from":42,
                 "filters":{"devices":["1001","1002"],"calls":["c1"],"types":["call.*"]}}""");

        assertThat(message).isEqualTo(new ClientMessage.Subscribe(Optional.of(42L),
                new EventFilter(Set.of("1001", "1002"), Set.of("c1"), Set.of("call.*"))));
    }

    @Test
    void parsesASubscribeWithoutResumePointOrFilters() {
        assertThat(ClientMessage.parse("{\"op\":\"subscribe\"}"))
                .isEqualTo(new ClientMessage.Subscribe(Optional.empty(), EventFilter.ALL));
        assertThat(ClientMessage.parse("{\"op\":\"subscribe\",\"resume_from\":null,\"filters\":null}"))
                .isEqualTo(new ClientMessage.Subscribe(Optional.empty(), EventFilter.ALL));
    }

    @Test
    void parsesAuthPingAndPongWhateverTheCaseOfTheOp() {
        assertThat(ClientMessage.parse("{\"op\":\"AUTH\",\"token\":\"abc\"}")).isEqualTo(new ClientMessage.Auth("abc"));
        assertThat(ClientMessage.parse("{\"op\":\"ping\"}")).isEqualTo(new ClientMessage.Ping());
        assertThat(ClientMessage.parse("{\"op\":\"pong\"}")).isEqualTo(new ClientMessage.Pong());
    }

    @Test
    void neverShowsTheTokenInItsText() {
        assertThat(new ClientMessage.Auth("secret").toString()).doesNotContain("secret");
    }

    @Test
    void turnsBadInputIntoMalformedValues() {
        assertThat(code("{")).isEqualTo("bad_json");
        assertThat(code("")).isEqualTo("bad_message");
        assertThat(code("42")).isEqualTo("bad_message");
        assertThat(code("{\"op\":7}")).isEqualTo("bad_message");
        assertThat(code("{\"op\":\"hello\"}")).isEqualTo("unknown_op");
        assertThat(code("{\"op\":\"auth\"}")).isEqualTo("bad_message");
        assertThat(code("{\"op\":\"auth\",\"token\":\" \"}")).isEqualTo("bad_message");
        assertThat(code("{\"op\":\"subscribe\",\"resume_from\":-1}")).isEqualTo("bad_subscribe");
        assertThat(code("{\"op\":\"subscribe\",\"resume_from\":1.5}")).isEqualTo("bad_subscribe");
        assertThat(code("{\"op\":\"subscribe\",\"resume_from\":\"7\"}")).isEqualTo("bad_subscribe");
        assertThat(code("{\"op\":\"subscribe\",\"resume_from\":99999999999999999999999}")).isEqualTo("bad_subscribe");
        assertThat(code("{\"op\":\"subscribe\",\"filters\":[]}")).isEqualTo("bad_subscribe");
        assertThat(code("{\"op\":\"subscribe\",\"filters\":{\"devices\":\"1001\"}}")).isEqualTo("bad_subscribe");
        assertThat(code("{\"op\":\"subscribe\",\"filters\":{\"devices\":[1001]}}")).isEqualTo("bad_subscribe");
        assertThat(code("{\"op\":\"subscribe\",\"filters\":{\"queues\":[]}}")).isEqualTo("bad_subscribe");
    }

    private static String code(String text) {
        return ((ClientMessage.Malformed) ClientMessage.parse(text)).code();
    }
}
