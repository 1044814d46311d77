package io.ramal.sip.transaction;

import io.ramal.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;

/** Records what a client transaction reported. */
final class RecordingListener implements ClientTransaction.Listener {
  final List<SipResponse> responses = new ArrayList<>();
  int timeouts;
  int transportErrors;
  boolean terminatedAtLastCallback;

  @Override
  public void onResponse(ClientTransaction tx, SipResponse response) {
    responses.add(response);
    terminatedAtLastCallback = tx.isTerminated();
  }

  @Override
  public void onTimeout(ClientTransaction tx) {
    timeouts++;
    terminatedAtLastCallback = tx.isTerminated();
  }

  @Override
  public void onTransportError(ClientTransaction tx) {
    transportErrors++;
    terminatedAtLastCallback = tx.isTerminated();
  }

  List<Integer> statuses() {
    return responses.stream().map(SipResponse::status).toList();
  }
}
