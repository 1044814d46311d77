package io.ramal.cti.control;

import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.util.Map;
import java.util.Objects;

/** A refused command: a machine code and a message for people. */
public record Refusal(RefusalCode code, String message) {
    public Refusal {
        Objects.requireNonNull(code, "code");
        Identifiers.nonBlank(message, "message");
    }

    /** {@code {"code": "invalid_state", "message": "…"}}. */
    public Map<String, Object> toJson() {
        return JsonFields.create().put("code", code.wire()).put("message", message).build();
    }
}
