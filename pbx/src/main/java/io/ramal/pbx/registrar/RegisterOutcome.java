package io.ramal.pbx.registrar;

import java.util.List;
import java.util.Map;

/** What a REGISTER led to: the AOR's current bindings, or a refusal with its SIP status. */
public sealed interface RegisterOutcome {
  record Accepted(List<Binding> bindings) implements RegisterOutcome {}

  record Refused(int status, String reason, Map<String, String> headers) implements RegisterOutcome {
    public Refused(int status, String reason) {
      this(status, reason, Map.of());
    }
  }
}
