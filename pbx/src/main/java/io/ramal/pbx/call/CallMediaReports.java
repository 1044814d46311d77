package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.pbx.media.HoldOrigin;
import io.ramal.pbx.media.MediaListener;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * What the media threads of one call report (dead media, holds, mutes, keys), taken over to the
 * call's shard: the instant is read where it happened, everything else runs on the shard.
 */
final class CallMediaReports implements MediaListener {
  private final Call call;
  private final SipContext sip;
  private final B2bua b2bua;
  private final IvrCalls ivrs;
  private final CallObserver observer;
  private final InstantSource clock;

  CallMediaReports(Call call, SipContext sip, B2bua b2bua, IvrCalls ivrs, CallObserver observer, InstantSource clock) {
    this.call = call;
    this.sip = sip;
    this.b2bua = b2bua;
    this.ivrs = ivrs;
    this.observer = observer;
    this.clock = clock;
  }

  @Override
  public void deadMedia(String cause) {
    sip.shard().execute(() -> b2bua.hangUp(call, cause));
  }

  @Override
  public void holdChanged(Side by, boolean held, HoldOrigin origin) {
    Instant at = clock.instant();
    sip.shard().execute(() -> CallReports.observe(() -> observer.holdChanged(call.origin.tenantId(), call.id,
        by == Side.CALLER, held, origin, at)));
  }

  @Override
  public void muteChanged(Side party, boolean muted) {
    Instant at = clock.instant();
    sip.shard().execute(() -> CallReports.observe(() -> observer.muteChanged(call.origin.tenantId(), call.id,
        party == Side.CALLER, muted, at)));
  }

  @Override
  public void digit(Side from, char digit, Duration duration) {
    Instant at = clock.instant();
    sip.shard().execute(() -> {
      CallReports.observe(() -> observer.digit(call.origin.tenantId(), call.id, from == Side.CALLER, digit, at));
      ivrs.keyPressed(call, from, digit, duration);
    });
  }
}
