package io.ramal.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event path's JSON writer says what the general mapper says, for every shape an event holds. */
class CompactJsonTest {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    @Test
    void anEventShapedValueIsWrittenExactlyAsTheMapperWritesIt() throws Exception {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", "c-1");
        call.put("version", 7L);
        call.put("parties", List.of(Map.of("device", "1001"), Map.of("device", "1002")));
        call.put("recording", null);
        call.put("muted", false);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("caller_name", "José \"Zé\" da Silva / São Paulo \\ 北京 😀");
        event.put("count", 3);
        event.put("empty", Map.of());
        event.put("none", List.of());
        event.put("nulls", Arrays.asList(null, "x", null));
        event.put("call", call);

        assertThat(CompactJson.write(event, MAPPER)).isEqualTo(MAPPER.writeValueAsString(event));
    }

    @Test
    void controlCharactersAreEscapedSoTheTextReadsBackTheSame() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            every.append(c);
        }
        every.append("\u007f\u2028end");
        Map<String, Object> value = Map.of("text", every.toString());

        String written = CompactJson.write(value, MAPPER);

        assertThat(written).doesNotContainPattern("[\\x00-\\x1f]");
        assertThat(MAPPER.readTree(written)).isEqualTo(MAPPER.readTree(MAPPER.writeValueAsString(value)));
        assertThat(MAPPER.readTree(written).path("text").asText()).isEqualTo(every.toString());
    }

    @Test
    void otherValuesAreLeftToTheMapper() throws Exception {
        List<Object> values = new ArrayList<>(List.of(1.5, new BigDecimal("0.10"), 42, Map.of(7, "seven")));

        assertThat(CompactJson.write(values, MAPPER)).isEqualTo(MAPPER.writeValueAsString(values));
    }
}
