package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A TU that records every call; {@link #answerWith} lets a test respond inside onRequest. */
final class RecordingUser implements TransactionUser {
  final List<ServerTransaction> requests = new ArrayList<>();
  final List<SipRequest> acks = new ArrayList<>();
  final List<ServerTransaction> cancels = new ArrayList<>();
  final List<SipResponse> strays = new ArrayList<>();
  final List<ServerTransaction> ackTimeouts = new ArrayList<>();
  final List<ServerTransaction> transportErrors = new ArrayList<>();
  private Consumer<ServerTransaction> answer = tx -> {};

  void answerWith(Consumer<ServerTransaction> onRequest) {
    this.answer = onRequest;
  }

  @Override
  public void onRequest(ServerTransaction tx) {
    requests.add(tx);
    answer.accept(tx);
  }

  @Override
  public void onAck(SipRequest ack, Peer from) {
    acks.add(ack);
  }

  @Override
  public void onCancel(ServerTransaction invite) {
    cancels.add(invite);
  }

  @Override
  public void onStrayResponse(SipResponse response, Peer from) {
    strays.add(response);
  }

  @Override
  public void onAckTimeout(ServerTransaction invite) {
    ackTimeouts.add(invite);
  }

  @Override
  public void onTransportError(ServerTransaction tx) {
    transportErrors.add(tx);
  }
}
