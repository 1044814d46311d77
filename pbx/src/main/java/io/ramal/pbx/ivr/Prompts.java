package io.ramal.pbx.ivr;

import io.ramal.media.Pcm;
import io.ramal.media.audio.Clip;
import io.ramal.media.audio.Tone;
import io.ramal.media.audio.ToneGenerator;
import java.util.Optional;

/**
 * The audio of tenants' menu prompts, by the reference a menu keeps ({@link io.ramal.cti.ivr.IvrMenu#prompt()}),
 * already decoded to the media plane's form: looked up on a call's shard, so it must answer from memory.
 * The server implements it over the prompt files it stores.
 */
@FunctionalInterface
public interface Prompts {
  /** No prompt is ever found: every menu plays {@link #BEEP}. */
  Prompts NONE = (tenantId, reference) -> Optional.empty();

  /** What a menu without a prompt (or whose prompt is missing) plays: 300 ms of 440 Hz. */
  Clip BEEP = Clip.of(ToneGenerator.samples(Pcm.SAMPLE_RATE * 3 / 10, Tone.ofDbfs(440, -12)));

  Optional<Clip> clip(String tenantId, String reference);
}
