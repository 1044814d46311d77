package io.ramal.cti.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IvrMenuTest {

    @Test
    void targetsRoundTripThroughTheirWrittenForm() {
        for (String text : new String[] {"extension:1002", "queue:sales", "number:+551130001000", "ivr:billing"}) {
            assertThat(IvrTarget.parse(text).toString()).isEqualTo(text);
        }
        assertThat(IvrTarget.parse("ivr:billing")).isEqualTo(new IvrTarget.Menu("billing"));
        assertThat(IvrTarget.parse("number:+5511")).isInstanceOf(IvrTarget.ExternalNumber.class);
    }

    @Test
    void malformedTargetsAreRefusedWithTheGrammar() {
        for (String text : new String[] {"", "1002", "extension:", "extension:12a", "queue:Sales", "ivr:", "park:701",
                "number:++1"}) {
            assertThatThrownBy(() -> IvrTarget.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> IvrTarget.parse("park:701")).hasMessageContaining("extension:N, queue:NAME");
    }

    @Test
    void optionsAreKeptInKeypadOrderAndOnlyDtmfKeysAreAllowed() {
        IvrMenu menu = new IvrMenu("main", Optional.empty(), Map.of('#', new IvrTarget.Queue("sales"),
                '1', new IvrTarget.Extension("1002"), '*', new IvrTarget.Menu("main")), Duration.ofSeconds(5), 2,
                Optional.empty(), Optional.empty());

        assertThat(menu.options().keySet()).containsExactly('1', '*', '#');
        assertThat(menu.option('1')).contains(new IvrTarget.Extension("1002"));
        assertThat(menu.option('9')).isEmpty();
        assertThatThrownBy(() -> new IvrMenu("main", Optional.empty(), Map.of('x', new IvrTarget.Extension("1")),
                Duration.ofSeconds(5), 2, Optional.empty(), Optional.empty()))
                .hasMessageContaining("0-9 * # A-D");
    }

    @Test
    void boundsOfTimeoutRetriesNamesAndPromptReferencesAreChecked() {
        IvrMenu base = IvrMenu.defaults("main");
        assertThatThrownBy(() -> new IvrMenu("main", Optional.empty(), Map.of(), Duration.ofMillis(500), 2,
                Optional.empty(), Optional.empty())).hasMessageContaining("1 s to 60 s");
        assertThatThrownBy(() -> new IvrMenu("main", Optional.empty(), Map.of(), Duration.ofSeconds(5), 11,
                Optional.empty(), Optional.empty())).hasMessageContaining("0 to 10");
        assertThatThrownBy(() -> IvrMenu.defaults("Main")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withPrompt(Optional.of("not-a-hash"))).hasMessageContaining("SHA-256");
        assertThat(base.withPrompt(Optional.of("a".repeat(64))).prompt()).contains("a".repeat(64));
    }

    @Test
    void aMenuCannotSendItsDefaultOrInvalidCallersToItself() {
        assertThatThrownBy(() -> new IvrMenu("main", Optional.empty(), Map.of(), Duration.ofSeconds(5), 2,
                Optional.of(new IvrTarget.Menu("main")), Optional.empty())).hasMessageContaining("itself");
        assertThatThrownBy(() -> new IvrMenu("main", Optional.empty(), Map.of(), Duration.ofSeconds(5), 2,
                Optional.empty(), Optional.of(new IvrTarget.Menu("main")))).hasMessageContaining("itself");
    }
}
