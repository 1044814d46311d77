package io.ramal.api.recordings;

import io.javalin.http.Context;
import io.ramal.api.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One complete recording file sent over HTTP: streamed from disk (never loaded whole), with its
 * checksum as a strong ETag ({@code If-None-Match} → 304), one byte range on request (206 with
 * {@code Content-Range}; 416 when it cannot be satisfied) and {@code If-Range} honoured.
 *
 * @param file where it is
 * @param size its size according to the index; a file of another size on disk is damaged
 * @param sha256 its checksum, the ETag
 * @param contentType {@code audio/wav} or {@code audio/mpeg}
 * @param downloadName the file name offered to the client
 */
record AudioFile(Path file, long size, String sha256, String contentType, String downloadName) {
    private static final Logger LOG = LoggerFactory.getLogger(AudioFile.class);

    AudioFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(downloadName, "downloadName");
    }

    String etag() {
        return "\"" + sha256 + "\"";
    }

    void send(Context ctx) {
        long onDisk;
        try {
            onDisk = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ApiException(404, "audio_not_available", "the file of this recording is no longer on disk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (onDisk != size) {
            throw new ApiException(500, "recording_damaged", "the file on disk is " + onDisk
                    + " bytes, the recordings index says " + size);
        }
        ctx.header("ETag", etag());
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Cache-Control", "private, no-cache");
        if (matches(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        String ifRange = ctx.header("If-Range");
        ByteRange range = ifRange != null && !ifRange.strip().equals(etag()) ? new ByteRange.Whole()
                : ByteRange.of(Optional.ofNullable(ctx.header("Range")), size);
        switch (range) {
            case ByteRange.Unsatisfiable u -> {
                ctx.header("Content-Range", "bytes */" + size);
                throw new ApiException(416, "range_not_satisfiable", u.why());
            }
            case ByteRange.Part p -> {
                ctx.header("Content-Range", "bytes " + p.first() + "-" + p.last() + "/" + size);
                write(ctx, 206, p.first(), p.length());
            }
            case ByteRange.Whole w -> write(ctx, 200, 0, size);
        }
    }

    private boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag()) || tag.equals("W/" + etag()));
    }

    private void write(Context ctx, int status, long from, long length) {
        HttpServletResponse response = ctx.res();
        response.setStatus(status);
        response.setContentType(contentType);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + downloadName + "\"");
        response.setContentLengthLong(length);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                OutputStream out = response.getOutputStream()) {
            WritableByteChannel target = Channels.newChannel(out);
            long position = from;
            long left = length;
            while (left > 0) {
                long sent = in.transferTo(position, left, target);
                if (sent <= 0) {
                    throw new IOException("the file ended " + left + " bytes early");
                }
                position += sent;
                left -= sent;
            }
        } catch (IOException e) {
            // the client went away, or the file shrank under us: the response is already under way,
            // so there is no one left to answer
            LOG.atDebug().addKeyValue("file", downloadName).addKeyValue("error", e.toString())
                    .log("recording download ended early");
        }
    }
}
