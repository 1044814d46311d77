package io.ramal.cti.queue;

import io.ramal.cti.CampaignFields;
import io.ramal.cti.Language;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The queue vocabulary: settings, overflow targets and campaign fields are checked once and round-trip. */
class QueueValuesTest {

    @Test
    void overflowTargetsRoundTripThroughTheirText() {
        for (String text : List.of("extension:1001", "queue:support", "number:+551130001000")) {
            assertThat(OverflowTarget.parse(text).toString()).isEqualTo(text);
        }
        assertThat(OverflowTarget.parse("queue:support").kind()).isEqualTo(OverflowTarget.Kind.QUEUE);
        for (String bad : List.of("1001", "voicemail:1001", "queue:", ":x", "number:1 2")) {
            assertThatThrownBy(() -> OverflowTarget.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void settingsRefuseWhatCannotWork() {
        QueueSettings sales = QueueSettings.defaults("sales");
        assertThatThrownBy(() -> QueueSettings.defaults("Sales")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueueSettings.defaults("a".repeat(41))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sales.withRingTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sales.withWrapUp(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sales.withMaxCallers(OptionalInt.of(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sales.withMaxWait(Optional.empty(), Optional.of(OverflowTarget.parse("queue:sales"))))
                .hasMessageContaining("itself");
        assertThat(sales.withWrapUp(Duration.ZERO).wrapUp()).isZero();
    }

    @Test
    void settingsShowEveryFieldInSecondsAndNullsForWhatIsUnset() {
        QueueSettings sales = QueueSettings.defaults("sales").withStrategy(Strategy.FEWEST_CALLS)
                .withMaxWait(Optional.of(Duration.ofMinutes(2)), Optional.of(OverflowTarget.parse("extension:1009")));
        assertThat(sales.toJson()).containsEntry("name", "sales").containsEntry("strategy", "fewest_calls")
                .containsEntry("ring_timeout_s", 15L).containsEntry("max_wait_s", 120L)
                .containsEntry("overflow_to", "extension:1009").containsEntry("wrap_up_s", 0L)
                .containsEntry("max_callers", null).containsEntry("announce_position_every_s", null)
                .containsEntry("service_level_s", 20L).containsEntry("number", null).containsEntry("language", "en")
                .containsEntry("announce_wait", false);
        assertThat(Strategy.fromWire("round_robin")).isEqualTo(Strategy.ROUND_ROBIN);
        assertThatThrownBy(() -> Strategy.fromWire("random")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQueuesNumberIsDigitsAndItSpeaksOneOfThreeLanguages() {
        QueueSettings sales = QueueSettings.defaults("sales").withNumber(Optional.of("5000"))
                .withLanguage(Language.PT).withAnnounceWait(true);
        assertThat(sales.toJson()).containsEntry("number", "5000").containsEntry("language", "pt")
                .containsEntry("announce_wait", true);
        assertThat(sales.withStrategy(Strategy.ROUND_ROBIN).number()).contains("5000");
        for (String bad : List.of("", "50a0", "+5000", "1".repeat(21), "50 00")) {
            assertThatThrownBy(() -> sales.withNumber(Optional.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Language.fromWire("es")).isEqualTo(Language.ES);
        assertThatThrownBy(() -> Language.fromWire("pt-BR")).hasMessageContaining("en, pt or es");
    }

    @Test
    void campaignFieldsHaveFiveExtrasAndNoneIsNull() {
        CampaignFields one = new CampaignFields(Optional.empty(), Optional.empty(), Optional.of("cmp"),
                Optional.empty(),
                List.of(Optional.empty(), Optional.of("second")));
        assertThat(one.extra()).hasSize(5);
        assertThat(one.toJson()).get().satisfies(json -> assertThat(json).containsEntry("campaign", "cmp")
                .containsEntry("extra_2", "second").containsEntry("extra_5", null).hasSize(9));
        assertThat(CampaignFields.NONE.toJson()).isEmpty();
        assertThatThrownBy(() -> new CampaignFields(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty()))).isInstanceOf(IllegalArgumentException.class);
    }
}
