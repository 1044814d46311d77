package io.ramal.media.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A 16-bit PCM WAV file written while the audio arrives (a call recording). The header's sizes
 * are fixed up by {@link #sync()} and {@link #close()}, so a process that dies between syncs
 * leaves a readable file holding everything up to the last sync. Not thread-safe: one writer.
 * Refuses to overwrite an existing file.
 */
public final class WavOutput implements AutoCloseable {
    private static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - 36;

    private final FileChannel channel;
    private final Path path;
    private final int sampleRate;
    private final int channels;
    private ByteBuffer buffer = ByteBuffer.allocate(0);
    private long dataBytes;
    private long syncedBytes = -1;

    private WavOutput(FileChannel channel, Path path, int sampleRate, int channels) {
        this.channel = channel;
        this.path = path;
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    /** Creates a new file (failing if one exists) and writes a header for no samples yet. */
    public static WavOutput create(Path path, int sampleRate, int channels) throws IOException {
        Objects.requireNonNull(path, "path");
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("bad format " + sampleRate + "/" + channels);
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        WavOutput out = new WavOutput(channel, path, sampleRate, channels);
        try {
            out.writeFully(ByteBuffer.wrap(WavWriter.header(sampleRate, channels, 0)), 0);
            out.syncedBytes = 0;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return out;
    }

    public Path path() {
        return path;
    }

    public int channels() {
        return channels;
    }

    /** Bytes of samples written so far. */
    public long dataBytes() {
        return dataBytes;
    }

    /** Sample frames (one sample per channel) written so far. */
    public long frames() {
        return dataBytes / (2L * channels);
    }

    /**
     * Appends {@code count} interleaved samples from {@code samples} (a multiple of the channel
     * count). Returns false, writing nothing, once the 4 GiB WAV limit would be passed.
     */
    public boolean append(short[] samples, int count) throws IOException {
        if (count % channels != 0) {
            throw new IllegalArgumentException(count + " samples is not a whole number of frames");
        }
        long bytes = 2L * count;
        if (dataBytes + bytes > MAX_DATA_BYTES) {
            return false;
        }
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        buffer.clear();
        for (int i = 0; i < count; i++) {
            buffer.putShort(samples[i]);
        }
        buffer.flip();
        writeFully(buffer, WavWriter.HEADER_BYTES + dataBytes);
        dataBytes += bytes;
        return true;
    }

    /** Rewrites the header's sizes to cover what is written (no fsync). */
    public void sync() throws IOException {
        if (syncedBytes == dataBytes) {
            return;
        }
        writeFully(ByteBuffer.wrap(WavWriter.header(sampleRate, channels, dataBytes)), 0);
        syncedBytes = dataBytes;
    }

    /** Fixes the header and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            sync();
        } finally {
            channel.close();
        }
    }

    private void writeFully(ByteBuffer b, long position) throws IOException {
        long at = position;
        while (b.hasRemaining()) {
            at += channel.write(b, at);
        }
    }
}
