package io.ramal.it.harness;

import java.net.InetSocketAddress;

/**
 * Ready-made SIPp roles for end-to-end tests against a SIP server (registrar + B2BUA with digest
 * authentication) on 127.0.0.1. Each returns a {@link Sipp.Builder} to adjust (transport, domain,
 * call duration, number of calls...) before {@code start()} or {@code run(timeout)}.
 *
 * <pre>{@code
 * InetSocketAddress server = new InetSocketAddress("127.0.0.1", 5060);
 * SipAccount alice = new SipAccount("1001", "secret1");
 * SipAccount bob = new SipAccount("1002", "secret2");
 *
 * try (Sipp callee = SippPeers.registeredCallee(server, bob, CalleeBehavior.answer()).start()) {
 *   callee.awaitRegistered(Duration.ofSeconds(5));
 *   SippPeers.caller(server, alice, "1002").callDuration(Duration.ofMillis(300))
 *       .run(Duration.ofSeconds(20)).requireSuccess();
 *   callee.awaitExit(Duration.ofSeconds(10)).requireSuccess();
 * }
 * }</pre>
 *
 * <p>The callers expect the first INVITE to be challenged (401 or 407) and fail otherwise. A
 * registered callee is one SIPp process running {@code register-and-serve.xml} (REGISTER with
 * digest from its own port) with the behaviour's UAS scenario as out-of-call scenario, because
 * SIPp ties a scenario to one Call-ID and the server's INVITE has a new one. It exits 0 once it
 * has handled the expected number of calls. Over TCP it only receives calls the server sends on
 * the connection the REGISTER came on: SIPp in client mode does not listen for TCP connections.
 */
public final class SippPeers {

  private SippPeers() {}

  /** Registers {@code account} (REGISTER, 401, REGISTER with digest, 200) and exits. */
  public static Sipp.Builder registration(InetSocketAddress registrar, SipAccount account) {
    return Sipp.builder(SippScenario.registerDigest()).remote(registrar).accounts(account);
  }

  /** Calls {@code callee} as {@code caller} and hangs up after the call duration ({@code -d}). */
  public static Sipp.Builder caller(InetSocketAddress server, SipAccount caller, String callee) {
    return Sipp.builder(SippScenario.uacDigest()).remote(server).accounts(caller).service(callee);
  }

  /** Calls {@code callee} as {@code caller} and cancels once it rings (after the call duration). */
  public static Sipp.Builder cancellingCaller(InetSocketAddress server, SipAccount caller, String callee) {
    return Sipp.builder(SippScenario.uacCancelDigest()).remote(server).accounts(caller).service(callee);
  }

  /** Calls {@code callee} as {@code caller} and expects the call to fail with {@code status}. */
  public static Sipp.Builder rejectedCaller(
      InetSocketAddress server, SipAccount caller, String callee, int status) {
    return Sipp.builder(SippScenario.uacExpectStatus(status)).remote(server).accounts(caller).service(callee);
  }

  /** Registers {@code account} at {@code registrar}, then handles one call with {@code behavior}. */
  public static Sipp.Builder registeredCallee(
      InetSocketAddress registrar, SipAccount account, CalleeBehavior behavior) {
    return registeredCallee(registrar, account, behavior, 1);
  }

  /** Registers {@code account} at {@code registrar}, then handles {@code calls} calls with {@code behavior}. */
  public static Sipp.Builder registeredCallee(
      InetSocketAddress registrar, SipAccount account, CalleeBehavior behavior, int calls) {
    if (calls < 1) {
      throw new IllegalArgumentException("calls must be positive: " + calls);
    }
    return Sipp.builder(SippScenario.registerAndServe(behavior.allowEvents()))
        .outOfCall(behavior.scenario())
        .global("expected_calls", Integer.toString(calls))
        .remote(registrar)
        .accounts(account)
        .autoAnswer();
  }

  /** A callee listening on its own port without registering; call it at {@code sipp.address()}. */
  public static Sipp.Builder callee(CalleeBehavior behavior) {
    return Sipp.builder(behavior.scenario()).autoAnswer();
  }
}
