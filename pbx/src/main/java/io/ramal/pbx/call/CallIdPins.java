package io.ramal.pbx.call;

/**
 * Where the inbound pipeline sends a Call-ID that does not hash to the shard serving its dialog
 * (a dialog that joined a call on another shard, docs/adr/0006-park-and-cross-call-joins.md).
 */
public interface CallIdPins {
  CallIdPins NONE = new CallIdPins() {
    @Override
    public void pin(String callId, int shard) {}

    @Override
    public void unpin(String callId) {}
  };

  void pin(String callId, int shard);

  void unpin(String callId);
}
