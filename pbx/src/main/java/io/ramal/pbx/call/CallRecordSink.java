package io.ramal.pbx.call;

/** Where finished call records go (the store, in the server). Must not block the caller for long. */
@FunctionalInterface
public interface CallRecordSink {
  void record(CallRecord record);
}
