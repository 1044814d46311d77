package io.ramal.pbx.record;

/** What the API (or a policy) asks of a call's recorder. */
public enum RecordingAction {
  /** Begin a new recording (the call's next: {@code <call id>-1}, {@code -2}, ...). */
  START,
  /** Write silence instead of the parties until resumed. */
  PAUSE,
  /** Write the parties again. */
  RESUME,
  /** End the recording; its files are finished after the call, off the media path. */
  STOP
}
