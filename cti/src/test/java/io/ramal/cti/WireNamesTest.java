package io.ramal.cti;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.control.RefusalCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** JSON spellings of enums are lower-case snake names whatever the default locale. */
class WireNamesTest {
    @Test
    void wireNamesAreTheSameUnderATurkishDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            List<String> wires = new ArrayList<>();
            for (ConnectionState v : ConnectionState.values()) {
                wires.add(v.wire());
            }
            for (CallState v : CallState.values()) {
                wires.add(v.wire());
            }
            for (Direction v : Direction.values()) {
                wires.add(v.wire());
            }
            for (RecordingState v : RecordingState.values()) {
                wires.add(v.wire());
            }
            for (ReleaseCause v : ReleaseCause.values()) {
                wires.add(v.wire());
            }
            for (DiversionReason v : DiversionReason.values()) {
                wires.add(v.wire());
            }
            for (UnregisterReason v : UnregisterReason.values()) {
                wires.add(v.wire());
            }
            for (RefusalCode v : RefusalCode.values()) {
                wires.add(v.wire());
            }
            for (Action v : Action.values()) {
                wires.add(v.flag());
            }

            assertThat(wires).allMatch(w -> w.matches("[a-z_]+"), "ASCII lower-case snake case");
            assertThat(wires).contains("initiated", "inbound", "picked_up", "invalid_state", "can_hold",
                    "administrative", "dead_media");
        } finally {
            Locale.setDefault(before);
        }
    }
}
