package io.ramal.sip.transaction;

import java.util.ArrayList;
import java.util.List;

/** Records observer events as short strings ("created client INVITE"). */
final class CountingObserver implements TransactionObserver {
  final List<String> events = new ArrayList<>();

  @Override
  public void onCreated(boolean client, String method) {
    events.add("created " + side(client) + " " + method);
  }

  @Override
  public void onRetransmission(boolean client, String method) {
    events.add("retransmission " + side(client) + " " + method);
  }

  @Override
  public void onTimeout(boolean client, String method) {
    events.add("timeout " + side(client) + " " + method);
  }

  @Override
  public void onTerminated(boolean client, String method) {
    events.add("terminated " + side(client) + " " + method);
  }

  @Override
  public void onTransportError(boolean client, String method) {
    events.add("transport error " + side(client) + " " + method);
  }

  @Override
  public void onResponseIgnored(String method, int status) {
    events.add("ignored " + method + " " + status);
  }

  long count(String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix)).count();
  }

  private static String side(boolean client) {
    return client ? "client" : "server";
  }
}
