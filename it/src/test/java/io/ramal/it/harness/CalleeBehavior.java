package io.ramal.it.harness;

import java.util.Objects;

/**
 * What a SIPp callee does with each INVITE; each maps to a bundled UAS scenario.
 *
 * <pre>{@code
 * CalleeBehavior.answer();               // uas-answer.xml: 180, 200, waits for BYE
 * CalleeBehavior.busy();                 // uas-reject.xml with 486 Busy Here
 * CalleeBehavior.reject(603, "Decline");
 * CalleeBehavior.ringUntilCancelled();   // uas-ring-forever.xml: 180, then CANCEL -> 200 + 487
 * }</pre>
 */
public sealed interface CalleeBehavior {

  /** The UAS scenario implementing this behaviour. */
  SippScenario scenario();

  /** What the callee's REGISTER lists in Allow-Events. */
  default String allowEvents() {
    return "message-summary";
  }

  static CalleeBehavior answer() {
    return new Answer();
  }

  static CalleeBehavior busy() {
    return new Reject(486, "Busy Here");
  }

  static CalleeBehavior reject(int status, String reason) {
    return new Reject(status, reason);
  }

  static CalleeBehavior ringUntilCancelled() {
    return new RingUntilCancelled();
  }

  static CalleeBehavior answerOnRequest() {
    return new AnswerOnRequest();
  }

  /**
   * A desk phone that registers with {@code Allow-Events: talk} and rings until the server tells
   * it to answer (NOTIFY {@code Event: talk}), then answers and waits for the BYE.
   */
  record AnswerOnRequest() implements CalleeBehavior {
    @Override
    public SippScenario scenario() {
      return SippScenario.uasAnswerOnTalk();
    }

    @Override
    public String allowEvents() {
      return "talk";
    }
  }

  /** Rings, answers after the builder's call duration ({@code -d}), then waits for the BYE. */
  record Answer() implements CalleeBehavior {
    @Override
    public SippScenario scenario() {
      return SippScenario.uasAnswer();
    }
  }

  /** Rejects with a final error response and waits for its ACK. */
  record Reject(int status, String reason) implements CalleeBehavior {
    public Reject {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public SippScenario scenario() {
      return SippScenario.uasReject(status, reason);
    }
  }

  /** Rings until the caller cancels; answers the CANCEL with 200 and the INVITE with 487. */
  record RingUntilCancelled() implements CalleeBehavior {
    @Override
    public SippScenario scenario() {
      return SippScenario.uasRingForever();
    }
  }
}
