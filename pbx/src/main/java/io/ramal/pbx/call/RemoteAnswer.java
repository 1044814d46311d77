package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.media.ControlOutcome;
import io.ramal.pbx.registrar.Binding;
import io.ramal.sip.dialog.Dialog;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transaction.ClientTransaction;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answering a ringing call from the server (BroadWorks remote answer, followed by Yealink,
 * Polycom, Grandstream and others): a NOTIFY with {@code Event: talk} in the early dialog of a
 * ringing phone of the callee that registered as accepting it ({@code Allow-Events: talk}). The
 * phone's 200 then takes the usual path through the {@link B2bua}. On the call's shard.
 */
final class RemoteAnswer {
  private static final Logger log = LoggerFactory.getLogger(RemoteAnswer.class);

  private RemoteAnswer() {}

  static ControlOutcome answer(SipContext sip, Call call, String device) {
    if (!call.callee.equals(device) || call.trunk.isPresent()) {
      return ControlOutcome.refused(ControlOutcome.Reason.NO_SUCH_PARTY, "'" + device
          + "' is not the ringing party of call " + call.id);
    }
    List<Fork> able = call.forks.stream().filter(f -> !f.isDone()
        && f.binding.map(Binding::answersOnRequest).orElse(false)).toList();
    if (able.isEmpty()) {
      return ControlOutcome.refused(ControlOutcome.Reason.NOT_SUPPORTED_BY_DEVICE, "no phone of " + device
          + " answers on request (its REGISTER did not list Allow-Events: talk)");
    }
    Optional<Fork> ringingFork = able.stream().filter(f -> f.early != null).findFirst();
    if (ringingFork.isEmpty()) {
      return ControlOutcome.refused(ControlOutcome.Reason.INVALID_STATE, "the phone of " + device
          + " is not ringing yet");
    }
    Fork fork = ringingFork.get();
    Dialog early;
    try {
      early = Dialog.asUac(fork.invite, fork.early);
    } catch (IllegalArgumentException e) {
      return ControlOutcome.refused(ControlOutcome.Reason.NOT_SUPPORTED_BY_DEVICE, "the phone's ringing"
          + " response gives no dialog to send the answer request in");
    }
    SipRequest talk = early.newRequest("NOTIFY", sip.viaFor(fork.peer), 70);
    talk = talk.withHeaders(talk.headers().toBuilder()
        .add(HeaderNames.CONTACT, sip.contactFor(fork.peer).toString())
        .add("Event", "talk")
        .add("Subscription-State", "active").build());
    sip.layer().send(talk, fork.peer, new ClientTransaction.Listener() {
      @Override
      public void onResponse(ClientTransaction tx, SipResponse response) {
        if (response.status() >= 300) {
          log.info("event=remote_answer_refused call={} tenant={} status={}", call.id, call.origin.tenantId(),
              response.status());
        }
      }

      @Override
      public void onTimeout(ClientTransaction tx) {
        log.info("event=remote_answer_timeout call={} tenant={}", call.id, call.origin.tenantId());
      }

      @Override
      public void onTransportError(ClientTransaction tx) {
        log.info("event=remote_answer_unsent call={} tenant={}", call.id, call.origin.tenantId());
      }
    });
    log.info("event=remote_answer call={} tenant={} device={}", call.id, call.origin.tenantId(), device);
    return ControlOutcome.DONE;
  }

}
