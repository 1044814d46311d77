package io.ramal.it.harness;

import java.util.Objects;

/**
 * baresip's answer to one ctrl_tcp command.
 *
 * @param ok whether baresip accepted the command
 * @param data its text output (e.g. an error message or a listing)
 */
public record BaresipResponse(boolean ok, String data) {

  public BaresipResponse {
    Objects.requireNonNull(data, "data");
  }
}
