package io.ramal.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * 16-bit PCM audio in memory, read from or written to a RIFF/WAVE file.
 *
 * <pre>{@code
 * Wav received = Wav.read(baresip.receivedAudio().getFirst());
 * Wav middle = received.mono().trimmed(Duration.ofMillis(500), Duration.ofMillis(300));
 * }</pre>
 *
 * <p>Reading accepts any sample rate and channel count, PCM or WAVE_FORMAT_EXTENSIBLE with 16-bit
 * samples, skips unknown chunks, and tolerates a file whose sizes were not finalised yet (a
 * recorder still writing): then the data runs to the end of the file.
 */
public final class Wav {

  private static final int PCM = 1;
  private static final int EXTENSIBLE = 0xFFFE;

  private final int sampleRate;
  private final int channels;
  private final short[] samples;

  /**
   * @param samples interleaved samples, {@code channels} per frame
   */
  public Wav(int sampleRate, int channels, short[] samples) {
    if (sampleRate < 1) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
    if (channels < 1) {
      throw new IllegalArgumentException("channels must be positive: " + channels);
    }
    Objects.requireNonNull(samples, "samples");
    if (samples.length % channels != 0) {
      throw new IllegalArgumentException("samples do not fill whole frames of " + channels + " channels");
    }
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.samples = samples.clone();
  }

  public static Wav read(Path file) {
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the bytes of a WAVE file. */
  public static Wav parse(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || in.getInt(0) != fourCc("RIFF") || in.getInt(8) != fourCc("WAVE")) {
      throw new IllegalArgumentException("not a RIFF/WAVE file");
    }
    int position = 12;
    Integer rate = null;
    Integer channelCount = null;
    while (position + 8 <= bytes.length) {
      int id = in.getInt(position);
      long size = Integer.toUnsignedLong(in.getInt(position + 4));
      int body = position + 8;
      if (id == fourCc("fmt ")) {
        int format = Short.toUnsignedInt(in.getShort(body));
        int bits = Short.toUnsignedInt(in.getShort(body + 14));
        if ((format != PCM && format != EXTENSIBLE) || bits != 16) {
          throw new IllegalArgumentException("only 16-bit PCM is supported, got format " + format + " with " + bits + " bits");
        }
        channelCount = Short.toUnsignedInt(in.getShort(body + 2));
        rate = in.getInt(body + 4);
      } else if (id == fourCc("data")) {
        if (rate == null) {
          throw new IllegalArgumentException("data chunk before fmt chunk");
        }
        long available = bytes.length - body;
        long length = size == 0 || size > available ? available : size;
        int frameBytes = 2 * channelCount;
        int count = (int) (length / frameBytes) * channelCount;
        short[] samples = new short[count];
        in.position(body);
        in.asShortBuffer().get(samples);
        return new Wav(rate, channelCount, samples);
      }
      position = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
    }
    throw new IllegalArgumentException("no data chunk");
  }

  /** Writes a canonical 44-byte-header PCM WAVE file. */
  public void write(Path file) {
    try {
      Files.write(file, toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The canonical 44-byte-header PCM WAVE file as bytes (an upload's body). */
  public byte[] toBytes() {
    int dataBytes = samples.length * 2;
    ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(fourCc("RIFF")).putInt(36 + dataBytes).putInt(fourCc("WAVE"));
    out.putInt(fourCc("fmt ")).putInt(16).putShort((short) PCM).putShort((short) channels)
        .putInt(sampleRate).putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
    out.putInt(fourCc("data")).putInt(dataBytes);
    out.asShortBuffer().put(samples);
    return out.array();
  }

  public int sampleRate() {
    return sampleRate;
  }

  public int channels() {
    return channels;
  }

  /** Number of frames (samples per channel). */
  public int frames() {
    return samples.length / channels;
  }

  public Duration duration() {
    return Duration.ofNanos(frames() * 1_000_000_000L / sampleRate);
  }

  /** A copy of the interleaved samples. */
  public short[] samples() {
    return samples.clone();
  }

  /** This audio down-mixed to one channel (the mean of the channels). */
  public Wav mono() {
    if (channels == 1) {
      return this;
    }
    short[] mixed = new short[frames()];
    for (int frame = 0; frame < mixed.length; frame++) {
      int sum = 0;
      for (int channel = 0; channel < channels; channel++) {
        sum += samples[frame * channels + channel];
      }
      mixed[frame] = (short) (sum / channels);
    }
    return new Wav(sampleRate, 1, mixed);
  }

  /** This audio without its first {@code head} and last {@code tail}; empty if nothing is left. */
  public Wav trimmed(Duration head, Duration tail) {
    int skipStart = framesIn(head);
    int skipEnd = framesIn(tail);
    int from = Math.min(frames(), skipStart);
    int to = Math.max(from, frames() - skipEnd);
    return new Wav(sampleRate, channels, Arrays.copyOfRange(samples, from * channels, to * channels));
  }

  private int framesIn(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration: " + duration);
    }
    return (int) Math.min(Integer.MAX_VALUE, duration.toNanos() * sampleRate / 1_000_000_000L);
  }

  private static int fourCc(String code) {
    return (code.charAt(0)) | (code.charAt(1) << 8) | (code.charAt(2) << 16) | (code.charAt(3) << 24);
  }

  @Override
  public String toString() {
    return "Wav[" + sampleRate + " Hz, " + channels + " ch, " + duration().toMillis() + " ms]";
  }
}
