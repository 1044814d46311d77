package io.ramal.cti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {

    @Test
    void anObjectAlreadyBuiltStaysAsItWasWhenTheBuilderGoesOn() {
        JsonFields fields = JsonFields.create().put("a", 1);
        Map<String, Object> first = fields.build();
        Map<String, Object> second = fields.put("b", 2).put("a", 3).build();

        assertThat(first).containsExactly(Map.entry("a", 1));
        assertThat(second).containsExactly(Map.entry("a", 3), Map.entry("b", 2));
    }

    @Test
    void builtObjectsKeepTheOrderOfInsertionAndCannotBeChanged() {
        Map<String, Object> built = JsonFields.create().put("z", "last?").put("a", Optional.empty())
                .put("at", Instant.parse("2026-11-22T04:00:00Z")).build();

        assertThat(built.keySet()).containsExactly("z", "a", "at");
        assertThat(built.get("a")).isNull();
        assertThat(built.get("at")).isEqualTo("2026-11-22T04:00:00Z");
        assertThatThrownBy(() -> built.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aValueThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> JsonFields.create().put("k", new Object()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
