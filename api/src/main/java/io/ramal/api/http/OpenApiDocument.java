package io.ramal.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The API's contract, served: {@code GET /api/v1/openapi.json} answers the hand-written OpenAPI 3.1
 * document ({@value #RESOURCE} on the classpath) to anyone, without authentication. The bytes are
 * read once; their entity tag is a digest of them, so a client that revalidates with
 * {@code If-None-Match} gets {@code 304 Not Modified} until the server runs another version.
 */
public final class OpenApiDocument {

    public static final String PATH = "/api/v1/openapi.json";
    static final String RESOURCE = "/io/ramal/api/openapi.json";

    private final byte[] bytes;
    private final String etag;

    /** Reads the document from the classpath; fails if the build left it out. */
    public OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is not on the classpath");
            }
            this.bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        this.etag = entityTag(bytes);
    }

    /** Registers {@value #PATH}. */
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, this::serve);
    }

    /** The entity tag the document is served with, quotes included. */
    public String etag() {
        return etag;
    }

    private void serve(Context ctx) {
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        if (matches(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType(Json.CONTENT_TYPE).result(bytes);
    }

    /**
     * Whether an {@code If-None-Match} value names our tag (RFC 9110 §13.1.2: weak comparison, so a
     * {@code W/} prefix is ignored; {@code *} matches any current representation).
     */
    boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String entityTag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
