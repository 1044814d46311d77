package io.ramal.media.relay;

import io.ramal.media.dtmf.DtmfDigit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what an endpoint reported. */
final class RecordingListener implements MediaListener {
    final List<DtmfDigit> digits = new CopyOnWriteArrayList<>();
    final List<Duration> timeouts = new CopyOnWriteArrayList<>();

    @Override
    public void digitDetected(DtmfDigit digit) {
        digits.add(digit);
    }

    @Override
    public void rtpTimedOut(Duration silence) {
        timeouts.add(silence);
    }
}
